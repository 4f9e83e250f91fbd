package dev.portcullis.match;

import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Says when none of an inventory's OS packages could be checked for vulnerabilities, and why, so
 * that a scan of such an image does not pass for a clean one: zero findings from packages nobody
 * looked up is no news at all.
 */
public final class OsCoverage {

  /**
   * Distributions, by os-release ID, for which OSV publishes no advisories (their vendors publish
   * their own formats, which Portcullis does not read).
   */
  private static final Map<String, String> WITHOUT_OSV_ADVISORIES =
      Map.ofEntries(
          Map.entry("centos", "CentOS"),
          Map.entry("fedora", "Fedora"),
          Map.entry("amzn", "Amazon Linux"),
          Map.entry("ol", "Oracle Linux"),
          Map.entry("arch", "Arch Linux"),
          Map.entry("gentoo", "Gentoo"),
          Map.entry("void", "Void Linux"),
          Map.entry("clear-linux-os", "Clear Linux"));

  private OsCoverage() {}

  /**
   * A one-line warning when the inventory holds OS packages and not one of them could be matched;
   * empty when there are none or some could.
   */
  public static Optional<String> uncheckedPackages(Inventory inventory) {
    OsRelease os = inventory.os();
    List<Package> osPackages = inventory.packages().stream().filter(Package::managedByOs).toList();
    if (osPackages.isEmpty()
        || osPackages.stream().anyMatch(p -> AdvisoryTarget.of(p, os).isPresent())) {
      return Optional.empty();
    }
    String unchecked =
        osPackages.size()
            + (osPackages.size() == 1 ? " OS package was" : " OS packages were")
            + " not checked for vulnerabilities: ";
    if (os == null) {
      return Optional.of(unchecked + "the operating system is unknown");
    }
    String withoutAdvisories = WITHOUT_OSV_ADVISORIES.get(os.family());
    if (withoutAdvisories != null) {
      String release = os.version() == null || os.version().isEmpty() ? "" : " " + os.version();
      return Optional.of(
          unchecked + "OSV publishes no advisories for " + withoutAdvisories + release);
    }
    if (os.version() == null || os.version().isEmpty()) {
      return Optional.of(unchecked + "the release of " + name(os) + " is unknown");
    }
    return Optional.of(
        unchecked
            + "Portcullis matches no advisories for "
            + name(os)
            + " (os-release ID "
            + os.family()
            + ")");
  }

  /**
   * A one-line warning when the inventory's OS packages have a place in OSV but the database holds
   * nothing for it: the release was not imported (only Debian was, and the image is Alpine), or is
   * newer than the data. Empty when there are no such packages or the database has advisories.
   */
  public static Optional<String> notInDatabase(Inventory inventory, VulnerabilityDatabase database)
      throws InputException {
    List<AdvisoryTarget> targets =
        inventory.packages().stream()
            .filter(Package::managedByOs)
            .map(p -> AdvisoryTarget.of(p, inventory.os()))
            .flatMap(Optional::stream)
            .toList();
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    // One OS per inventory: its packages share the ecosystem and release.
    AdvisoryTarget target = targets.get(0);
    if (database.hasAdvisoriesFor(target.ecosystem(), target.release())) {
      return Optional.empty();
    }
    return Optional.of(
        targets.size()
            + (targets.size() == 1 ? " OS package was" : " OS packages were")
            + " not checked for vulnerabilities: the database holds no advisories for "
            + target.qualifiedEcosystem()
            + "; add them with 'portcullis db update' or 'portcullis db import'");
  }

  private static String name(OsRelease os) {
    return os.prettyName() != null && !os.prettyName().isBlank()
        ? os.prettyName()
        : (os.family() + " " + (os.version() == null ? "" : os.version())).strip();
  }
}
