package dev.portcullis.misconfig.kubernetes;

import static dev.portcullis.misconfig.kubernetes.PssCheck.of;
import static dev.portcullis.misconfig.kubernetes.PssCheck.since;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Pod Security Standards as the Kubernetes Pod Security Admission controller evaluates them:
 * its checks with their versioned implementations (k8s.io/pod-security-admission/policy), the
 * baseline checks a restricted check replaces, and Windows pods' exemptions since 1.25.
 */
public final class PodSecurityStandards {

  /** PSA's checks, in the order it registers them (by file name), so reasons read in its order. */
  private final List<PssCheck> checks =
      List.of(
          of(
              "allowPrivilegeEscalation",
              PssLevel.RESTRICTED,
              since(8, PrivilegeChecks::allowPrivilegeEscalation),
              since(25, PrivilegeChecks::allowPrivilegeEscalationExceptWindows)),
          of("appArmorProfile", PssLevel.BASELINE, since(0, ProfileChecks::appArmorProfile)),
          of(
              "capabilities_baseline",
              PssLevel.BASELINE,
              since(0, PrivilegeChecks::capabilitiesBaseline)),
          of(
              "capabilities_restricted",
              PssLevel.RESTRICTED,
              since(22, PrivilegeChecks::capabilitiesRestricted, "capabilities_baseline"),
              since(
                  25,
                  PrivilegeChecks::capabilitiesRestrictedExceptWindows,
                  "capabilities_baseline")),
          of("hostNamespaces", PssLevel.BASELINE, since(0, HostChecks::hostNamespaces)),
          of("hostPathVolumes", PssLevel.BASELINE, since(0, HostChecks::hostPathVolumes)),
          of("hostPorts", PssLevel.BASELINE, since(0, HostChecks::hostPorts)),
          of(
              "hostProbesAndHostLifecycle",
              PssLevel.BASELINE,
              since(34, HostChecks::hostProbesAndLifecycle)),
          of("privileged", PssLevel.BASELINE, since(0, PrivilegeChecks::privileged)),
          of(
              "procMount",
              PssLevel.BASELINE,
              since(0, PrivilegeChecks::procMountBaselineBefore135),
              since(35, PrivilegeChecks::procMountBaseline)),
          of(
              "procMount_restricted",
              PssLevel.RESTRICTED,
              since(35, PrivilegeChecks::procMountDefaultOnly, "procMount")),
          of(
              "restrictedVolumes",
              PssLevel.RESTRICTED,
              since(0, UserChecks::restrictedVolumes, "hostPathVolumes")),
          of(
              "runAsNonRoot",
              PssLevel.RESTRICTED,
              since(0, UserChecks::runAsNonRoot),
              since(35, UserChecks.exceptInUserNamespace(UserChecks::runAsNonRoot))),
          of(
              "runAsUser",
              PssLevel.RESTRICTED,
              since(23, UserChecks::runAsUser),
              since(35, UserChecks.exceptInUserNamespace(UserChecks::runAsUser))),
          of(
              "seLinuxOptions",
              PssLevel.BASELINE,
              since(0, ProfileChecks::seLinuxOptions),
              since(31, ProfileChecks::seLinuxOptions131)),
          of(
              "seccompProfile_baseline",
              PssLevel.BASELINE,
              since(0, ProfileChecks::seccompAnnotations),
              since(19, ProfileChecks::seccompBaseline)),
          of(
              "seccompProfile_restricted",
              PssLevel.RESTRICTED,
              since(19, ProfileChecks::seccompRestricted, "seccompProfile_baseline"),
              since(25, ProfileChecks::seccompRestrictedExceptWindows, "seccompProfile_baseline")),
          of(
              "sysctls",
              PssLevel.BASELINE,
              since(0, new SysctlCheck(SysctlCheck.ALLOWED_1_0)::check),
              since(27, new SysctlCheck(SysctlCheck.ALLOWED_1_27)::check),
              since(29, new SysctlCheck(SysctlCheck.ALLOWED_1_29)::check),
              since(32, new SysctlCheck(SysctlCheck.ALLOWED_1_32)::check),
              since(37, new SysctlCheck(SysctlCheck.ALLOWED_1_37)::check)),
          of("windowsHostProcess", PssLevel.BASELINE, since(0, HostChecks::windowsHostProcess)));

  /** Evaluates a workload's pod template; null when the kind holds none. */
  public PssDecision evaluate(Resource resource, PssLevel level, PssVersion version) {
    PodView pod = PodView.of(resource);
    return pod == null ? null : evaluate(pod, level, version);
  }

  PssDecision evaluate(PodView pod, PssLevel level, PssVersion version) {
    PssVersion effective = version.compareTo(PssVersion.LATEST) > 0 ? PssVersion.LATEST : version;
    if (level == PssLevel.PRIVILEGED) {
      return new PssDecision(level, version, List.of());
    }
    Set<String> overridden = new HashSet<>();
    if (level == PssLevel.RESTRICTED) {
      for (PssCheck check : checks) {
        PssCheck.Version implementation = check.at(effective);
        if (check.level() == PssLevel.RESTRICTED && implementation != null) {
          overridden.addAll(implementation.overrides());
        }
      }
    }
    List<PssViolation> violations = new ArrayList<>();
    // Baseline checks first, then restricted ones, each in registration order, as PSA runs them.
    for (PssLevel pass : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      if (pass.compareTo(level) > 0) {
        break;
      }
      for (PssCheck check : checks) {
        PssCheck.Version implementation = check.at(effective);
        if (check.level() != pass || implementation == null || overridden.contains(check.id())) {
          continue;
        }
        PssViolation violation = implementation.check().apply(pod);
        if (violation != null) {
          violations.add(violation);
        }
      }
    }
    return new PssDecision(level, version, violations);
  }
}
