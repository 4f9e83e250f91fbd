package dev.portcullis.misconfig.kubernetes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks Kubernetes manifests: Pod Security Standards as the admission controller decides them, the
 * seed's workload checklist, NetworkPolicies, RBAC, Secrets and Namespaces.
 */
public final class KubernetesLinter {

  /** Restricted checks the seed's checklist asks for even where a lower level is enforced. */
  private static final Set<String> SEED_CHECKLIST =
      Set.of(
          "allowPrivilegeEscalation",
          "capabilities_restricted",
          "runAsNonRoot",
          "seccompProfile_restricted");

  /** The kinds whose content is checked; any other kind is reported as skipped. */
  static final Set<String> LOOKED_AT =
      Set.of(
          "Pod",
          "Deployment",
          "ReplicaSet",
          "StatefulSet",
          "DaemonSet",
          "Job",
          "CronJob",
          "ReplicationController",
          "PodTemplate",
          "Namespace",
          "NetworkPolicy",
          "Role",
          "ClusterRole",
          "RoleBinding",
          "ClusterRoleBinding",
          "Secret",
          "ConfigMap",
          "ServiceAccount");

  /**
   * For PSS checks that stand for several Trivy checks: which one a field at fault answers to, so
   * that a finding carries only the ids of what it found.
   */
  private static final Map<String, List<String>> TRIVY_BY_FIELD =
      Map.of(
          "hostIPC", List.of("KSV008"),
          "hostNetwork", List.of("KSV009"),
          "hostPID", List.of("KSV010"),
          "capabilities.drop", List.of("KSV003", "KSV106"),
          "capabilities.add", List.of("KSV106"));

  private final KubernetesLintOptions options;
  private final ManifestReader reader = new ManifestReader();
  private final PodSecurityStandards standards = new PodSecurityStandards();

  public KubernetesLinter(KubernetesLintOptions options) {
    this.options = options;
  }

  public KubernetesLintResult lint(List<ManifestFinder.Found> files) throws IOException {
    List<Resource> resources = new ArrayList<>();
    List<ReadProblem> problems = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (ManifestFinder.Found found : files) {
      ManifestFile file;
      try {
        file = reader.read(found.path(), found.display());
      } catch (IOException e) {
        file =
            new ManifestFile(
                found.display(),
                List.of(),
                List.of(new ReadProblem(found.display(), 0, "not readable: " + e.getMessage())));
      }
      problems.addAll(file.problems());
      for (ManifestDocument document : file.documents()) {
        resources.addAll(Resources.of(document, skipped));
      }
    }
    return check(files.size(), resources, problems, skipped);
  }

  /** Checks objects already read; the linter's core, for tests and benchmarks. */
  KubernetesLintResult check(
      int fileCount, List<Resource> resources, List<ReadProblem> problems, List<String> skipped) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (ReadProblem problem : problems) {
      findings.add(KubernetesFinding.unreadable(problem));
    }
    Map<String, Integer> skippedKinds = new TreeMap<>();
    NamespaceLevels levels = new NamespaceLevels();
    List<Resource> workloads = new ArrayList<>();
    for (Resource resource : resources) {
      String kind = resource.kind() == null ? "" : resource.kind();
      if (!LOOKED_AT.contains(kind)) {
        skippedKinds.merge(kind, 1, Integer::sum);
      }
      if (kind.equals("Namespace")) {
        levels.add(resource);
      }
      if (PodView.of(resource) != null) {
        workloads.add(resource);
      }
    }
    InputIndex index = new InputIndex(resources);
    List<PodVerdict> verdicts = new ArrayList<>();
    WorkloadChecks checklist = new WorkloadChecks(options, index);
    for (Resource workload : workloads) {
      PodView pod = PodView.of(workload);
      PodVerdict verdict = verdict(workload, pod, levels);
      verdicts.add(verdict);
      String where =
          "PodSecurity \""
              + verdict.decision().level().label()
              + ":"
              + verdict.decision().version()
              + "\": ";
      for (PssViolation violation : verdict.decision().violations()) {
        findings.add(pssFinding(workload, violation, where));
      }
      if (verdict.decision().level() != PssLevel.RESTRICTED) {
        PssDecision restricted =
            standards.evaluate(pod, PssLevel.RESTRICTED, verdict.decision().version());
        for (PssViolation violation : restricted.violations()) {
          if (SEED_CHECKLIST.contains(violation.checkId())) {
            findings.add(pssFinding(workload, violation, "seed checklist (PSS restricted): "));
          }
        }
      }
      findings.addAll(checklist.check(workload, pod));
      findings.addAll(HardeningChecks.check(workload, pod, options));
    }
    findings.addAll(new NetworkPolicyChecks(options).check(resources, workloads));
    findings.addAll(RbacChecks.check(resources));
    findings.addAll(SecretChecks.check(resources, workloads));
    findings.addAll(NamespaceChecks.check(resources));
    findings.addAll(KindTypos.check(resources));
    findings.addAll(DeprecatedApis.check(resources, options.version()));
    if (options.requireQuotas()) {
      findings.addAll(QuotaChecks.check(resources, workloads));
    }
    return new KubernetesLintResult(
        fileCount, resources.size(), findings, verdicts, skippedKinds, skipped, problems);
  }

  private PodVerdict verdict(Resource workload, PodView pod, NamespaceLevels levels) {
    PssLevel level;
    PssVersion version = options.version();
    String source;
    NamespaceLevels.Wish wish = levels.of(workload.effectiveNamespace());
    if (options.level() != null) {
      level = options.level();
      source = "--pss-level";
    } else if (wish != null) {
      level = wish.level();
      source = "namespace " + workload.effectiveNamespace() + " label " + wish.label();
      if (wish.version() != null && wish.version().compareTo(version) < 0) {
        version = wish.version();
      }
    } else {
      level = PssLevel.RESTRICTED;
      source = "default (seed 002: restricted)";
    }
    List<PssDecision> answers = new ArrayList<>();
    for (PssLevel each : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      answers.add(standards.evaluate(pod, each, version));
    }
    PssDecision decision =
        level == PssLevel.PRIVILEGED
            ? standards.evaluate(pod, level, version)
            : answers.get(level == PssLevel.BASELINE ? 0 : 1);
    return new PodVerdict(workload, decision, source, answers);
  }

  private static KubernetesFinding pssFinding(
      Resource workload, PssViolation violation, String where) {
    KubernetesRule rule = KubernetesRules.forPsaCheck(violation.checkId());
    FieldRef field = violation.fields().isEmpty() ? null : violation.fields().get(0);
    KubernetesFinding finding =
        KubernetesFinding.at(rule, workload, field, where + violation.describe());
    List<String> matched = new ArrayList<>();
    for (FieldRef each : violation.fields()) {
      TRIVY_BY_FIELD.forEach(
          (suffix, ids) -> {
            if (each.path().endsWith(suffix)) {
              ids.stream().filter(rule.aliases()::contains).forEach(matched::add);
            }
          });
    }
    return matched.isEmpty() ? finding : finding.onlyTrivy(matched);
  }
}
