package dev.portcullis.match;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.util.Map;
import java.util.Optional;

/**
 * Where advisories for an installed package live: the OSV ecosystem and release, and the name the
 * advisories use. OS advisories are per source package (Debian, Ubuntu) or origin (Alpine),
 * compared with the installed binary version.
 *
 * @param release the release rows must be for, in the form the ecosystem writes it; null for
 *     language ecosystems, whose advisories are not per release
 */
record AdvisoryTarget(String ecosystem, String release, String packageName, String version) {

  /** Language ecosystems by purl type; their advisories are not per release. */
  private static final Map<String, String> LANGUAGE_ECOSYSTEMS =
      Map.ofEntries(
          Map.entry("npm", "npm"),
          Map.entry("pypi", "PyPI"),
          Map.entry("maven", "Maven"),
          Map.entry("golang", "Go"),
          Map.entry("cargo", "crates.io"),
          Map.entry("gem", "RubyGems"),
          Map.entry("nuget", "NuGet"),
          Map.entry("composer", "Packagist"),
          Map.entry("pub", "Pub"),
          Map.entry("hex", "Hex"),
          Map.entry("cran", "CRAN"),
          Map.entry("hackage", "Hackage"));

  static Optional<AdvisoryTarget> of(Package pkg, OsRelease os) {
    String language = LANGUAGE_ECOSYSTEMS.get(pkg.type());
    if (language != null) {
      // Go's module versions carry a "v" that OSV's Go ranges leave out.
      String version =
          language.equals("Go") && pkg.version().startsWith("v")
              ? pkg.version().substring(1)
              : pkg.version();
      return Optional.of(new AdvisoryTarget(language, null, pkg.name(), version));
    }
    if (os == null || os.version() == null || os.version().isEmpty()) {
      return Optional.empty();
    }
    String name = pkg.sourceName() != null ? pkg.sourceName() : pkg.name();
    return switch (pkg.type() + "/" + os.family()) {
      case "deb/debian" ->
          Optional.of(new AdvisoryTarget("Debian", major(os.version()), name, pkg.version()));
      case "deb/ubuntu" ->
          Optional.of(new AdvisoryTarget("Ubuntu", os.version(), name, pkg.version()));
      case "apk/alpine" ->
          Optional.of(
              new AdvisoryTarget("Alpine", "v" + majorMinor(os.version()), name, pkg.version()));
      case "rpm/rocky" ->
          Optional.of(new AdvisoryTarget("Rocky Linux", major(os.version()), name, pkg.version()));
      case "rpm/almalinux" ->
          Optional.of(new AdvisoryTarget("AlmaLinux", major(os.version()), name, pkg.version()));
      default -> Optional.empty();
    };
  }

  /** The same target under another package name. */
  AdvisoryTarget named(String otherName) {
    return new AdvisoryTarget(ecosystem, release, otherName, version);
  }

  /** The OSV ecosystem string findings show: "Debian:12", or "PyPI" for a language package. */
  String qualifiedEcosystem() {
    return release == null ? ecosystem : ecosystem + ":" + release;
  }

  /**
   * Whether a stored row's release applies: Ubuntu writes "22.04:LTS", the others the bare release.
   */
  boolean appliesTo(String rowRelease) {
    if (release == null || rowRelease == null || rowRelease.isEmpty()) {
      return true;
    }
    return rowRelease.equals(release) || rowRelease.startsWith(release + ":");
  }

  private static String major(String version) {
    int dot = version.indexOf('.');
    return dot < 0 ? version : version.substring(0, dot);
  }

  private static String majorMinor(String version) {
    String[] parts = version.split("\\.");
    return parts.length < 2 ? version : parts[0] + "." + parts[1];
  }
}
