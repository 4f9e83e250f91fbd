package dev.portcullis.policy;

import java.util.List;

/**
 * Whether an exception names a finding of a rule (a Dockerfile check): by the rule's id or an
 * alias, within its scope. Of the scope, {@code path} is a glob over the file and {@code image}
 * over the base image; a scope that names a package or purl names no rule finding.
 */
public final class RuleExceptions {

  private RuleExceptions() {}

  /**
   * @param aliases the finding's other ids (hadolint's DLxxxx)
   * @param file the file the finding is in, as the user named it
   * @param image the base image of the finding's stage, or null
   */
  public static boolean covers(
      VulnerabilityException exception,
      String ruleId,
      List<String> aliases,
      String file,
      String image) {
    boolean named =
        exception.id().equalsIgnoreCase(ruleId)
            || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(exception.id()));
    if (!named) {
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
