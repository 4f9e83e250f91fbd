package dev.portcullis.inventory;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import java.util.Locale;

/** Package URLs for installed packages, as the purl specification defines each type. */
public final class Purls {

  private Purls() {}

  /**
   * The purl of a package on the given operating system (which may be unknown; Maven ignores it).
   */
  public static String of(Package pkg, OsRelease os) {
    PackageURLBuilder builder =
        PackageURLBuilder.aPackageURL().withType(pkg.type()).withName(pkg.name());
    String version = pkg.version();
    switch (pkg.type()) {
      case "deb" -> builder.withNamespace(os != null ? os.family() : "debian");
      case "apk" -> builder.withNamespace(os != null ? os.family() : "alpine");
      case "rpm" -> {
        builder.withNamespace(os != null ? rpmVendor(os.family()) : "redhat");
        int colon = version.indexOf(':');
        if (colon > 0) {
          builder.withQualifier("epoch", version.substring(0, colon));
          version = version.substring(colon + 1);
        }
      }
      case "pypi" -> {
        // The purl spec's PyPI names are lower case, with "-" for "_".
        builder.withName(pkg.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return build(builder.withVersion(version));
      }
      case "maven" -> {
        int colon = pkg.name().indexOf(':');
        if (colon < 0) {
          // Known by manifest or file name only: without a groupId there is no Maven purl.
          builder.withType("generic");
        } else {
          builder
              .withNamespace(pkg.name().substring(0, colon))
              .withName(pkg.name().substring(colon + 1));
        }
        return build(version.isEmpty() ? builder : builder.withVersion(version));
      }
      case "npm", "golang", "composer" -> {
        // "@scope/name", "github.com/org/module", "vendor/name": the namespace is all before the
        // last slash.
        int slash = pkg.name().lastIndexOf('/');
        if (slash > 0) {
          builder.withNamespace(pkg.name().substring(0, slash));
          builder.withName(pkg.name().substring(slash + 1));
        }
        return build(version.isEmpty() ? builder : builder.withVersion(version));
      }
      case "cargo", "gem", "nuget" -> {
        return build(version.isEmpty() ? builder : builder.withVersion(version));
      }
      default -> throw new IllegalArgumentException("no purl rule for package type " + pkg.type());
    }
    builder.withVersion(version);
    if (pkg.arch() != null && !pkg.arch().isEmpty()) {
      builder.withQualifier("arch", pkg.arch());
    }
    if (os != null && os.family() != null) {
      builder.withQualifier("distro", os.distroQualifier());
    }
    return build(builder);
  }

  private static String build(PackageURLBuilder builder) {
    try {
      return builder.build().canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("cannot form a purl: " + e.getMessage(), e);
    }
  }

  private static String rpmVendor(String family) {
    return family.equals("rhel") ? "redhat" : family;
  }
}
