package dev.portcullis.cli;

import dev.portcullis.image.InputException;
import dev.portcullis.misconfig.dockerfile.Rules;
import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.DockerfileSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import dev.portcullis.policy.VulnerabilityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The policy a command applies: the user's file, with the shipped default for what it leaves out.
 */
final class PolicyFiles {

  /**
   * @param file the user's policy, or null when there is none
   * @param baseImages the tiers: the file's, else the default's
   * @param dockerfile the rule settings: the file's, else the default's
   */
  record Resolved(Policy file, BaseImagePolicy baseImages, DockerfileSettings dockerfile) {}

  private PolicyFiles() {}

  /** {@code given}, else ./portcullis.yaml if present, on top of the shipped default. */
  static Resolved resolve(Path given) throws IOException {
    Path path = given != null ? given : GateFlags.firstExisting("portcullis.yaml");
    PolicyLoader loader = new PolicyLoader();
    Policy defaults = loader.loadDefault();
    if (path == null) {
      return new Resolved(null, defaults.baseImages(), defaults.dockerfile());
    }
    Policy file = loader.load(path);
    checkRuleIds(path, file);
    return new Resolved(
        file,
        file.baseImages() != null ? file.baseImages() : defaults.baseImages(),
        file.dockerfile() != null ? file.dockerfile() : defaults.dockerfile());
  }

  /**
   * Every rule the {@code dockerfile:} section names exists, and no exception names a Dockerfile
   * check that does not (it would suppress nothing).
   */
  static void checkRuleIds(Path path, Policy policy) throws IOException {
    List<VulnerabilityException> exceptions = policy.exceptions();
    for (int i = 0; i < exceptions.size(); i++) {
      String id = exceptions.get(i).id();
      if (Rules.isUnknownDockerfileId(id)) {
        throw new InputException(
            path
                + ":"
                + lineOfId(path, id)
                + ": exceptions["
                + i
                + "] names '"
                + id
                + "', which is no Dockerfile rule nor one of their hadolint or Trivy ids; the"
                + " rules are listed in docs/dockerfile-rules.md");
      }
    }
    if (policy.dockerfile() == null) {
      return;
    }
    for (String id : policy.dockerfile().rules().keySet()) {
      if (Rules.named(id).isEmpty()) {
        throw new InputException(
            path
                + ":"
                + lineOf(path, id)
                + ": dockerfile.rules names '"
                + id
                + "', which is no rule; the rules are listed in docs/dockerfile-rules.md");
      }
    }
  }

  /** The line of {@code id: ID} (or {@code - id: ID}, quoted or not), else 1. */
  private static int lineOfId(Path path, String id) throws IOException {
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      line = line.startsWith("- ") ? line.substring(2).strip() : line;
      if (line.startsWith("id:") && line.substring(3).strip().replaceAll("[\"']", "").equals(id)) {
        return i + 1;
      }
    }
    return 1;
  }

  private static int lineOf(Path path, String text) throws IOException {
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(text)) {
        return i + 1;
      }
    }
    return 1;
  }
}
