package dev.portcullis.cli;

import dev.portcullis.misconfig.kubernetes.KubernetesDecision;
import dev.portcullis.misconfig.kubernetes.KubernetesGate;
import dev.portcullis.misconfig.kubernetes.KubernetesLintOptions;
import dev.portcullis.misconfig.kubernetes.KubernetesLintResult;
import dev.portcullis.misconfig.kubernetes.KubernetesLinter;
import dev.portcullis.misconfig.kubernetes.ManifestFinder;
import dev.portcullis.misconfig.kubernetes.PssLevel;
import dev.portcullis.misconfig.kubernetes.PssVersion;
import dev.portcullis.misconfig.kubernetes.ReadProblem;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import dev.portcullis.report.KubernetesReportWriter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis lint k8s PATH...}: Pod Security Standards and the seed's cluster checks. */
@Command(
    name = "k8s",
    aliases = {"kubernetes"},
    mixinStandardHelpOptions = true,
    description = {
      "Check Kubernetes manifests: Pod Security Standards exactly as the Pod Security Admission"
          + " controller decides them (per Kubernetes version), the seed's hardening checklist,"
          + " NetworkPolicies, RBAC, Secrets and Namespaces.",
      "",
      "Directories are searched for *.yaml, *.yml and *.json; the rules are in"
          + " docs/kubernetes-rules.md."
    })
final class LintKubernetesCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Manifest files or directories.")
  List<Path> paths;

  @Option(
      names = "--k8s-version",
      paramLabel = "VERSION",
      defaultValue = "latest",
      description =
          "Kubernetes version whose Pod Security checks apply: 1.30, v1.30 or latest (default).")
  String k8sVersion;

  @Option(
      names = "--pss-level",
      paramLabel = "LEVEL",
      description =
          "Pod Security Standards level for every pod: privileged, baseline or restricted (default: the"
              + " namespace's pod-security.kubernetes.io labels, else restricted).")
  String pssLevel;

  @Option(
      names = "--require-digest",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Images must be pinned by digest (PC-K8S-007); --no-require-digest turns it off.")
  boolean requireDigest;

  @Option(
      names = "--require-egress-deny",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Namespaces need a default-deny egress NetworkPolicy (PC-K8S-021).")
  boolean requireEgressDeny;

  @Option(
      names = "--require-high-ids",
      negatable = true,
      description =
          "User and group ids must be above 10000, and no pod may join the root group (PC-K8S-012,"
              + " PC-K8S-013).")
  boolean requireHighIds;

  @Option(
      names = "--require-quotas",
      negatable = true,
      description =
          "Every namespace that workloads land in needs a ResourceQuota and a LimitRange in the"
              + " input (PC-K8S-052, PC-K8S-053).")
  boolean requireQuotas;

  @Mixin LintOptions lint;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    KubernetesReportWriter writer = writer();
    Policy file = readPolicy();
    // Only a policy that names its image tiers says which registries it trusts.
    KubernetesLintOptions options = options().withTrustedImages(file.baseImages());
    GateSettings settings = lint.gate(file.gate());
    ManifestFinder finder = new ManifestFinder();
    List<ManifestFinder.Found> found = finder.find(paths);
    for (String skipped : finder.skipped()) {
      spec.commandLine().getErr().println("portcullis: note: " + skipped);
    }
    if (found.isEmpty()) {
      throw new UsageException(
          "no manifest in " + paths + " (looked for *.yaml, *.yml and *.json)");
    }
    KubernetesLintResult result = new KubernetesLinter(options).lint(found);
    PrintWriter err = spec.commandLine().getErr();
    for (ReadProblem problem : result.problems()) {
      err.println("portcullis: warning: " + problem.describe());
    }
    KubernetesDecision decision =
        new KubernetesGate(settings, file.exceptions(), LocalDate.now(ZoneOffset.UTC))
            .decide(result);
    ReportOutput.write(
        lint.output,
        spec.commandLine().getOut(),
        stream -> writer.write(decision, ToolInfo.current(), stream));
    return decision.exitCode();
  }

  private KubernetesLintOptions options() {
    try {
      PssLevel level = pssLevel == null ? null : PssLevel.parse(pssLevel);
      return new KubernetesLintOptions(
          level,
          PssVersion.parse(k8sVersion),
          requireDigest,
          requireEgressDeny,
          requireHighIds,
          requireQuotas,
          null);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private KubernetesReportWriter writer() {
    try {
      return KubernetesReportWriter.forFormat(ReportFormat.parse(lint.format));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private Policy readPolicy() throws IOException {
    Path chosen = lint.policy != null ? lint.policy : GateFlags.firstExisting("portcullis.yaml");
    return chosen == null ? Policy.empty() : new PolicyLoader().load(chosen);
  }
}
