package dev.portcullis.cli;

import dev.portcullis.image.InputException;
import dev.portcullis.misconfig.dockerfile.DockerfileFinder;
import dev.portcullis.misconfig.dockerfile.DockerfileLinter;
import dev.portcullis.misconfig.dockerfile.LintDecision;
import dev.portcullis.misconfig.dockerfile.LintGate;
import dev.portcullis.misconfig.dockerfile.LintResult;
import dev.portcullis.misconfig.dockerfile.UnknownIgnoreException;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.report.LintReportWriter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis lint dockerfile|k8s PATH...}: Dockerfile and Kubernetes manifest checks against
 * the policy.
 */
@Command(
    name = "lint",
    description = "Check Dockerfiles and Kubernetes manifests against the policy.",
    mixinStandardHelpOptions = true)
final class LintCommand {

  @Command(
      name = "dockerfile",
      mixinStandardHelpOptions = true,
      description = {
        "Check Dockerfiles: the base-image tiers of the policy, the seeds' rules and hadolint's"
            + " (ids as aliases), with inline ignores and the policy's exceptions.",
        "",
        "A directory is searched for Dockerfile, Containerfile, *.Dockerfile and Dockerfile.*;"
            + " the rules are in docs/dockerfile-rules.md."
      })
  static final class Dockerfiles implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Dockerfiles or directories.")
    List<Path> paths;

    @Mixin LintOptions lint;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      LintReportWriter writer = writer();
      PolicyFiles.Resolved resolved = PolicyFiles.resolve(lint.policy);
      Policy file = resolved.file();
      GateSettings settings = lint.gate(file == null ? null : file.gate());
      DockerfileLinter linter = new DockerfileLinter(resolved.baseImages(), resolved.dockerfile());
      List<LintResult> results = new ArrayList<>();
      for (DockerfileFinder.Found found : new DockerfileFinder().find(paths)) {
        try {
          results.add(linter.lint(found.path(), found.display()));
        } catch (InputException e) {
          if (found.explicit() || e instanceof UnknownIgnoreException) {
            throw e;
          }
          spec.commandLine().getErr().println("portcullis: warning: skipped " + e.getMessage());
        }
      }
      if (results.isEmpty()) {
        throw new UsageException(
            "no Dockerfile in "
                + paths
                + " (looked for Dockerfile, Containerfile, *.Dockerfile and Dockerfile.*)");
      }
      LintDecision decision =
          new LintGate(
                  settings,
                  file == null ? List.of() : file.exceptions(),
                  LocalDate.now(ZoneOffset.UTC))
              .decide(results);
      ReportOutput.write(
          lint.output,
          spec.commandLine().getOut(),
          stream -> writer.write(decision, ToolInfo.current(), stream));
      return decision.exitCode();
    }

    private LintReportWriter writer() {
      try {
        return LintReportWriter.forFormat(ReportFormat.parse(lint.format));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }
}
