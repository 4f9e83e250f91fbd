package dev.portcullis.match;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.util.Optional;

/**
 * Where advisories for an installed package live: the OSV ecosystem and release, and the name the
 * advisories use. OS advisories are per source package (Debian, Ubuntu) or origin (Alpine),
 * compared with the installed binary version.
 *
 * @param release the release rows must be for, in the form the ecosystem writes it
 */
record AdvisoryTarget(String ecosystem, String release, String packageName, String version) {

  static Optional<AdvisoryTarget> of(Package pkg, OsRelease os) {
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

  /** The OSV ecosystem string findings show: "Debian:12". */
  String qualifiedEcosystem() {
    return ecosystem + ":" + release;
  }

  /**
   * Whether a stored row's release applies: Ubuntu writes "22.04:LTS", the others the bare release.
   */
  boolean appliesTo(String rowRelease) {
    if (rowRelease == null || rowRelease.isEmpty()) {
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
