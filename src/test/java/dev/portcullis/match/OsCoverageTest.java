package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.TestInventories;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scan whose OS packages nobody looked up says so, instead of passing for a clean one. */
class OsCoverageTest {

  private static Package rpm(String name) {
    return TestInventories.osPackage("rpm", name, "1.0-1.el9", "x86_64", name, "1.0-1.el9");
  }

  private static Inventory inventory(OsRelease os, Package... packages) {
    return TestInventories.image(os, List.of(packages));
  }

  @Test
  void distributionsWithoutOsvAdvisoriesAreNamed() {
    assertThat(
            OsCoverage.uncheckedPackages(
                inventory(
                    new OsRelease("centos", "7", "CentOS Linux 7 (Core)", "etc/os-release"),
                    rpm("bash"),
                    rpm("glibc"))))
        .contains(
            "2 OS packages were not checked for vulnerabilities: OSV publishes no advisories for"
                + " CentOS 7");
    assertThat(
            OsCoverage.uncheckedPackages(
                inventory(new OsRelease("amzn", "2023", "Amazon Linux 2023", "x"), rpm("bash"))))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith("1 OS package was not checked")
                    .endsWith("Amazon Linux 2023"));
  }

  @Test
  void otherDistributionsAndUnknownOnesAreSaidToBeUnmatched() {
    assertThat(
            OsCoverage.uncheckedPackages(
                inventory(new OsRelease("photon", "5.0", "VMware Photon OS/Linux", "x"), rpm("a"))))
        .hasValueSatisfying(w -> assertThat(w).contains("Portcullis matches no advisories for"));
    assertThat(OsCoverage.uncheckedPackages(inventory(null, rpm("a"))))
        .hasValueSatisfying(w -> assertThat(w).endsWith("the operating system is unknown"));
  }

  @Test
  void nothingToSayWhenPackagesAreMatchedOrThereAreNone() {
    assertThat(
            OsCoverage.uncheckedPackages(
                inventory(
                    new OsRelease("rhel", "9.4", "Red Hat Enterprise Linux 9.4", "x"), rpm("a"))))
        .isEmpty();
    assertThat(
            OsCoverage.uncheckedPackages(
                inventory(
                    new OsRelease("fedora", "40", "Fedora Linux 40", "x"),
                    Package.library("pypi", "requests", "2.31.0", "x"))))
        .isEmpty();
  }
}
