package dev.portcullis.match;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.util.Map;
import java.util.Optional;

/**
 * Where advisories for an installed package live: the OSV ecosystem and release, the name the
 * advisories use, and the version their ranges are compared with.
 *
 * <p>Debian, Ubuntu and Alpine advisories are per source package (Alpine: origin) and write their
 * ranges in the source's versions, so the installed source version is compared, as Trivy does: a
 * Debian binary's own epoch ({@code bsdutils 1:2.38.1-5+deb12u3} from {@code util-linux
 * 2.38.1-5+deb12u3}), binNMU suffix ({@code bash 5.2.15-2+b13} from {@code 5.2.15-2}) or own
 * version ({@code libdevmapper1.02.1 2:1.02.185-2} from {@code lvm2 2.03.16-2}) is no version of
 * the source. An Alpine subpackage always carries its origin's version, so there the two agree. Red
 * Hat's, Rocky Linux's and AlmaLinux's advisories name the binary rpm ({@code openssl-libs}, not
 * its source {@code openssl}) and are compared with the binary's version.
 *
 * @param release the release rows must be for, in the form the ecosystem writes it; null for
 *     language ecosystems, whose advisories are not per release
 * @param version the installed version the advisory's ranges are written in
 */
record AdvisoryTarget(String ecosystem, String release, String packageName, String version) {

  /** The product every RHEL host receives updates for; the extended-support streams are others. */
  private static final String RHEL_STREAM = "enterprise_linux";

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

  private static final String UBUNTU_PRO = "Pro:";

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
    String source = pkg.sourceName() != null ? pkg.sourceName() : pkg.name();
    String sourceVersion = pkg.sourceVersion() != null ? pkg.sourceVersion() : pkg.version();
    String binary = pkg.name();
    String version = pkg.version();
    return switch (pkg.type() + "/" + os.family()) {
      case "deb/debian" ->
          Optional.of(new AdvisoryTarget("Debian", major(os.version()), source, sourceVersion));
      case "deb/ubuntu" ->
          Optional.of(new AdvisoryTarget("Ubuntu", os.version(), source, sourceVersion));
      case "apk/alpine" ->
          Optional.of(
              new AdvisoryTarget("Alpine", "v" + majorMinor(os.version()), source, sourceVersion));
      // Red Hat's OSV ecosystem is named after its CPEs: "Red Hat:enterprise_linux:9::baseos".
      // UBI images say ID=rhel too.
      case "rpm/rhel" ->
          Optional.of(
              new AdvisoryTarget(
                  "Red Hat", RHEL_STREAM + ":" + major(os.version()), binary, version));
      case "rpm/rocky" ->
          Optional.of(new AdvisoryTarget("Rocky Linux", major(os.version()), binary, version));
      case "rpm/almalinux" ->
          Optional.of(new AdvisoryTarget("AlmaLinux", major(os.version()), binary, version));
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
   * Whether a stored row's release applies: Ubuntu writes "22.04:LTS", Red Hat
   * "enterprise_linux:9::baseos" (every repository of the release: baseos, appstream, crb, …), the
   * others the bare release. Red Hat's extended-support streams ({@code rhel_eus:9.4::baseos},
   * {@code rhel_e4s}, {@code rhel_aus}, {@code rhel_els}, …) never apply: their fixes reach only
   * hosts subscribed to them, and an image does not say that it is. Ubuntu's Pro entries ({@code
   * Pro:18.04:LTS}) do apply: they are where Ubuntu keeps the advisories of releases past standard
   * support and of universe packages, and the vulnerability is in the image whether or not it
   * subscribes; {@link #subscriptionFor} names the channel the fix comes through.
   */
  boolean appliesTo(String rowRelease) {
    if (release == null || rowRelease == null || rowRelease.isEmpty()) {
      return true;
    }
    String standard =
        ecosystem.equals("Ubuntu") && rowRelease.startsWith(UBUNTU_PRO)
            ? rowRelease.substring(UBUNTU_PRO.length())
            : rowRelease;
    return standard.equals(release) || standard.startsWith(release + ":");
  }

  /**
   * The subscription a row's fixes are published for ("Ubuntu Pro (ESM)"), or null for a row of the
   * release's own archive.
   */
  String subscriptionFor(String rowRelease) {
    return ecosystem.equals("Ubuntu") && rowRelease != null && rowRelease.startsWith(UBUNTU_PRO)
        ? "Ubuntu Pro (ESM)"
        : null;
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
