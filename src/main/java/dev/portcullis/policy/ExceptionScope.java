package dev.portcullis.policy;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.portcullis.glob.Glob;
import dev.portcullis.match.Finding;
import java.util.List;
import java.util.Objects;

/** Whether an exception names a finding: its id or an alias, within its scope. */
final class ExceptionScope {

  private ExceptionScope() {}

  static boolean covers(
      VulnerabilityException exception, Finding finding, List<String> imageNames) {
    boolean named =
        exception.id().equalsIgnoreCase(finding.vulnerabilityId())
            || finding.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(exception.id()));
    return named && (exception.scope() == null || within(exception.scope(), finding, imageNames));
  }

  private static boolean within(
      VulnerabilityException.Scope scope, Finding finding, List<String> imageNames) {
    if (scope.resource() != null) {
      return false;
    }
    if (scope.packageName() != null
        && !scope.packageName().equals(finding.pkg().name())
        && !scope.packageName().equals(finding.pkg().sourceName())) {
      return false;
    }
    if (scope.purl() != null && !samePackage(scope.purl(), finding.pkg().purl())) {
      return false;
    }
    if (scope.image() != null && imageNames.stream().noneMatch(name -> glob(scope.image(), name))) {
      return false;
    }
    return scope.path() == null
        || glob(scope.path(), finding.pkg().foundIn())
        || glob(scope.path(), "/" + finding.pkg().foundIn());
  }

  /** A purl without a version names every version of the package; qualifiers are not compared. */
  private static boolean samePackage(String wanted, String actual) {
    try {
      PackageURL w = new PackageURL(wanted);
      PackageURL a = new PackageURL(actual);
      return w.getType().equals(a.getType())
          && Objects.equals(w.getNamespace(), a.getNamespace())
          && w.getName().equals(a.getName())
          && (w.getVersion() == null || w.getVersion().equals(a.getVersion()));
    } catch (MalformedPackageURLException e) {
      return wanted.equals(actual);
    }
  }

  static boolean glob(String pattern, String value) {
    if (value == null) {
      return false;
    }
    return Glob.path(pattern).matches(value);
  }
}
