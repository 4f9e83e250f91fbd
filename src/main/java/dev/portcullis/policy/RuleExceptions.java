package dev.portcullis.policy;

import java.util.function.Predicate;

/**
 * Whether an exception names a finding of a rule (a Dockerfile check): by the rule's id or an
 * alias, within its scope. Of the scope, {@code path} is a glob over the file and {@code image}
 * over the base image; a scope that names a package or purl names no rule finding.
 */
public final class RuleExceptions {

  private RuleExceptions() {}

  /**
   * @param named whether an id names the finding: its rule's id or one of its aliases (hadolint's
   *     DLxxxx, Trivy's DSxxx)
   * @param file the file the finding is in, as the user named it
   * @param image the base image of the finding's stage, or null
   */
  public static boolean covers(
      VulnerabilityException exception, Predicate<String> named, String file, String image) {
    if (!named.test(exception.id())) {
      return false;
    }
    VulnerabilityException.Scope scope = exception.scope();
    if (scope == null) {
      return true;
    }
    if (scope.packageName() != null || scope.purl() != null) {
      return false;
    }
    if (scope.image() != null && (image == null || !ExceptionScope.glob(scope.image(), image))) {
      return false;
    }
    return scope.path() == null || pathMatches(scope.path(), file);
  }

  private static boolean pathMatches(String pattern, String file) {
    String relative = file.startsWith("./") ? file.substring(2) : file;
    return ExceptionScope.glob(pattern, file)
        || ExceptionScope.glob(pattern, relative)
        || (pattern.startsWith("**/") && ExceptionScope.glob(pattern.substring(3), relative));
  }
}
