package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.image.InputException;
import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.DockerfileSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks Dockerfiles against every rule of {@link Rules}, with the policy's base-image tiers and
 * rule settings, and applies inline suppressions.
 */
public final class DockerfileLinter {

  private static final Comparator<LintFinding> ORDER =
      Comparator.comparingInt(LintFinding::line).thenComparing(LintFinding::ruleId);

  private final BaseImagePolicy tiers;
  private final DockerfileSettings settings;
  private final DockerfileParser parser = new DockerfileParser();
  private final List<Check> checks =
      List.of(
          new ParseProblemsCheck(),
          new BaseImageTierCheck(),
          new ImageTagCheck(),
          new StagesCheck(),
          new RootUserCheck(),
          new SecretVariableCheck(),
          new SecretFileCheck(),
          new AddCheck(),
          new PipeToShellCheck(),
          new ShellCommandsCheck(),
          new SshCheck(),
          new DockerignoreCheck(),
          new BuildToolsCheck(),
          new PackageUpgradeCheck(),
          new HealthcheckCheck(),
          new ApkCheck(),
          new AptCheck(),
          new UpdateAloneCheck(),
          new RpmCheck(),
          new LanguagePackagesCheck(),
          new DependencyOrderCheck(),
          new ShellStyleCheck(),
          new InstructionFormCheck(),
          new WorkdirCheck(),
          new StageInstructionsCheck());

  public DockerfileLinter(BaseImagePolicy tiers, DockerfileSettings settings) {
    this.tiers = tiers;
    this.settings = settings;
  }

  /** Reads, parses and checks a file, with the .dockerignore next to it. */
  public LintResult lint(Path file, String displayPath) throws IOException {
    Dockerfile parsed = parser.parse(file, displayPath);
    InlineSuppressions.of(parsed).checkIds();
    Dockerignore dockerignore = Dockerignore.besides(file, displayPath);
    try {
      return lint(parsed, dockerignore);
    } catch (StackOverflowError e) {
      // A safety net: the rules bound what they match, but a file is never worth a crash.
      throw new InputException(
          displayPath + ": nested or repeated too deeply to check; is this a Dockerfile?");
    }
  }

  /**
   * Checks a parsed file.
   *
   * @param dockerignore the ignore file its build would use, or null to skip that rule
   */
  public LintResult lint(Dockerfile file, Dockerignore dockerignore) {
    LintContext context = new LintContext(file, tiers, settings, dockerignore);
    Findings findings = new Findings(file.path(), settings);
    for (Check check : checks) {
      check.check(context, findings);
    }
    InlineSuppressions inline = InlineSuppressions.of(file);
    List<LintFinding> kept = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    for (LintFinding finding : findings.all()) {
      SuppressedFinding suppression = inline.suppression(finding);
      if (suppression == null) {
        kept.add(finding);
      } else {
        suppressed.add(suppression);
      }
    }
    kept.sort(ORDER);
    return new LintResult(file, kept, suppressed);
  }
}
