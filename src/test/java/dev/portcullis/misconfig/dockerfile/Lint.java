package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.policy.DockerfileSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Lints Dockerfile text with the shipped default policy, for the rule tests. */
final class Lint {

  static final Policy DEFAULT = loadDefault();

  /** A .dockerignore that excludes everything seed 002 asks for. */
  static final Dockerignore GOOD_IGNORE = new Dockerignore(".dockerignore", true, List.of());

  private Lint() {}

  private static Policy loadDefault() {
    try {
      return new PolicyLoader().loadDefault();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LintResult result(String text, DockerfileSettings settings, Dockerignore ignore) {
    Dockerfile file = new DockerfileParser().parse("Dockerfile", text);
    return new DockerfileLinter(DEFAULT.baseImages(), settings).lint(file, ignore);
  }

  static List<LintFinding> findings(String text) {
    return result(text, DEFAULT.dockerfile(), GOOD_IGNORE).findings();
  }

  static List<String> ids(String text) {
    return findings(text).stream().map(LintFinding::ruleId).toList();
  }

  /** The findings of one rule. */
  static List<LintFinding> of(String ruleId, String text) {
    return findings(text).stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }
}
