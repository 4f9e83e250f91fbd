package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.glob.Glob;
import dev.portcullis.policy.VulnerabilityException;

/**
 * Whether a policy exception names a Kubernetes finding: by the rule's id or an alias (KSVxxx,
 * kube-score's), within its scope. Of the scope, {@code resource} is a glob over
 * kind/namespace/name (objects without a namespace match as "default" too) and {@code path} a glob
 * over the file; a scope that names a package, purl or image names no Kubernetes finding.
 */
final class KubernetesExceptions {

  private KubernetesExceptions() {}

  static boolean covers(VulnerabilityException exception, KubernetesFinding finding) {
    if (!finding.isNamed(exception.id())) {
      return false;
    }
    VulnerabilityException.Scope scope = exception.scope();
    if (scope == null) {
      return true;
    }
    if (scope.packageName() != null || scope.purl() != null || scope.image() != null) {
      return false;
    }
    if (scope.resource() != null && !resourceMatches(scope.resource(), finding)) {
      return false;
    }
    if (scope.path() != null) {
      String file = finding.file();
      String relative = file.startsWith("./") ? file.substring(2) : file;
      return glob(scope.path(), file) || glob(scope.path(), relative);
    }
    return true;
  }

  private static boolean resourceMatches(String pattern, KubernetesFinding finding) {
    if (finding.kind() == null) {
      return false;
    }
    String name = finding.name() == null ? "" : finding.name();
    String written =
        finding.kind()
            + "/"
            + (finding.namespace() == null ? "" : finding.namespace())
            + "/"
            + name;
    String effective =
        finding.kind()
            + "/"
            + (finding.namespace() == null || finding.namespace().isEmpty()
                ? "default"
                : finding.namespace())
            + "/"
            + name;
    return glob(pattern, written) || glob(pattern, effective);
  }

  /** {@code **} matches anything, {@code *} anything but a slash, {@code ?} one character. */
  static boolean glob(String pattern, String value) {
    return Glob.simple(pattern).matches(value);
  }
}
