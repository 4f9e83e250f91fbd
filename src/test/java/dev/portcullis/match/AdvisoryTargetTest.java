package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.TestInventories;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which OSV ecosystem, release and package name an installed OS package's advisories live under.
 */
class AdvisoryTargetTest {

  private static Package pkg(String type, String name, String source) {
    return TestInventories.osPackage(type, name, "1.0-1", "amd64", source, "1.0-1");
  }

  @Test
  void debianBySourcePackageAndMajorRelease() {
    AdvisoryTarget target =
        AdvisoryTarget.of(
                pkg("deb", "libssl3", "openssl"),
                new OsRelease("debian", "12", "Debian", "etc/os-release"))
            .orElseThrow();

    assertThat(target)
        .extracting(AdvisoryTarget::ecosystem, AdvisoryTarget::release, AdvisoryTarget::packageName)
        .containsExactly("Debian", "12", "openssl");
    assertThat(target.qualifiedEcosystem()).isEqualTo("Debian:12");
    assertThat(target.appliesTo("12")).isTrue();
    assertThat(target.appliesTo("11")).isFalse();
    assertThat(target.appliesTo("")).as("an entry for no particular release").isTrue();
  }

  @Test
  void ubuntuReleasesCarryTheirSupportSuffix() {
    AdvisoryTarget target =
        AdvisoryTarget.of(
                pkg("deb", "libc6", "glibc"),
                new OsRelease("ubuntu", "22.04", "Ubuntu 22.04.4 LTS", "etc/os-release"))
            .orElseThrow();

    assertThat(target.ecosystem()).isEqualTo("Ubuntu");
    assertThat(target.appliesTo("22.04:LTS")).isTrue();
    assertThat(target.appliesTo("22.04")).isTrue();
    assertThat(target.appliesTo("22.10")).isFalse();
    assertThat(target.appliesTo("Pro:22.04:LTS")).as("Ubuntu Pro (ESM) entries").isTrue();
    assertThat(target.subscriptionFor("Pro:22.04:LTS")).isEqualTo("Ubuntu Pro (ESM)");
    assertThat(target.subscriptionFor("22.04:LTS")).isNull();
    assertThat(target.appliesTo("Pro:20.04:LTS")).isFalse();
    assertThat(target.appliesTo("Pro:FIPS-updates:22.04:LTS")).as("FIPS builds").isFalse();
  }

  @Test
  void alpineByOriginAndMinorRelease() {
    AdvisoryTarget target =
        AdvisoryTarget.of(
                pkg("apk", "libcrypto3", "openssl"),
                new OsRelease("alpine", "3.20.3", "Alpine Linux", "etc/os-release"))
            .orElseThrow();

    assertThat(target)
        .extracting(AdvisoryTarget::ecosystem, AdvisoryTarget::release, AdvisoryTarget::packageName)
        .containsExactly("Alpine", "v3.20", "openssl");
  }

  @Test
  void rhelByBinaryRpmInEveryRepositoryOfTheMajorRelease() {
    AdvisoryTarget target =
        AdvisoryTarget.of(
                pkg("rpm", "openssl-libs", "openssl"),
                new OsRelease("rhel", "9.4", "Red Hat Enterprise Linux 9.4 (Plow)", "x"))
            .orElseThrow();

    assertThat(target)
        .extracting(AdvisoryTarget::ecosystem, AdvisoryTarget::release, AdvisoryTarget::packageName)
        .containsExactly("Red Hat", "enterprise_linux:9", "openssl-libs");
    assertThat(target.qualifiedEcosystem()).isEqualTo("Red Hat:enterprise_linux:9");
    assertThat(target.appliesTo("enterprise_linux:9::baseos")).isTrue();
    assertThat(target.appliesTo("enterprise_linux:9::appstream")).isTrue();
    assertThat(target.appliesTo("enterprise_linux:9::crb")).isTrue();
    assertThat(target.appliesTo("enterprise_linux:9")).isTrue();
    assertThat(target.appliesTo("enterprise_linux:8::baseos")).isFalse();
    assertThat(target.appliesTo("enterprise_linux:90::baseos")).isFalse();
  }

  @Test
  void rhelNeverTakesTheExtendedSupportStreams() {
    AdvisoryTarget target =
        AdvisoryTarget.of(pkg("rpm", "sudo", "sudo"), new OsRelease("rhel", "9.4", "Red Hat", "x"))
            .orElseThrow();

    assertThat(target.appliesTo("rhel_eus:9.4::baseos")).isFalse();
    assertThat(target.appliesTo("rhel_e4s:9.0::appstream")).isFalse();
    assertThat(target.appliesTo("rhel_aus:9.2::baseos")).isFalse();
    assertThat(target.appliesTo("rhel_els:9")).isFalse();
  }

  @Test
  void rockyAndAlmaByBinaryRpmAndMajorRelease() {
    AdvisoryTarget rocky =
        AdvisoryTarget.of(
                pkg("rpm", "openssl-libs", "openssl"),
                new OsRelease("rocky", "9.3", "Rocky Linux 9.3 (Blue Onyx)", "x"))
            .orElseThrow();
    AdvisoryTarget alma =
        AdvisoryTarget.of(
                pkg("rpm", "xz-libs", "xz"),
                new OsRelease("almalinux", "8.10", "AlmaLinux 8.10", "x"))
            .orElseThrow();

    assertThat(rocky)
        .extracting(AdvisoryTarget::ecosystem, AdvisoryTarget::release, AdvisoryTarget::packageName)
        .containsExactly("Rocky Linux", "9", "openssl-libs");
    assertThat(alma)
        .extracting(AdvisoryTarget::ecosystem, AdvisoryTarget::release, AdvisoryTarget::packageName)
        .containsExactly("AlmaLinux", "8", "xz-libs");
    assertThat(rocky.appliesTo("9")).isTrue();
    assertThat(rocky.appliesTo("8")).isFalse();
  }

  private static Package built(
      String type, String name, String version, String source, String sourceVersion) {
    return TestInventories.osPackage(type, name, version, "amd64", source, sourceVersion);
  }

  @Test
  void debianAndUbuntuCompareTheSourceVersionWithItsOwnEpoch() {
    Package bsdutils = built("deb", "bsdutils", "1:2.38.1-5+deb12u3", "util-linux", "2.38.1-5");
    Package libcap2 = built("deb", "libcap2", "1:2.66-4+b2", "libcap2", "1:2.66-4");

    for (OsRelease os :
        List.of(
            new OsRelease("debian", "12", "Debian", "x"),
            new OsRelease("ubuntu", "24.04", "Ubuntu", "x"))) {
      assertThat(AdvisoryTarget.of(bsdutils, os).orElseThrow().version())
          .as(os.family())
          .isEqualTo("2.38.1-5");
      assertThat(AdvisoryTarget.of(libcap2, os).orElseThrow().version())
          .as(os.family())
          .isEqualTo("1:2.66-4");
    }
  }

  @Test
  void aPackageWithoutASourceVersionIsItsOwnSource() {
    Package sbomEntry = built("deb", "zlib1g", "1:1.2.13.dfsg-1", "zlib", null);

    assertThat(
            AdvisoryTarget.of(sbomEntry, new OsRelease("debian", "12", "Debian", "x"))
                .orElseThrow()
                .version())
        .isEqualTo("1:1.2.13.dfsg-1");
  }

  @Test
  void alpineComparesTheOriginsVersionWhichItsSubpackagesShare() {
    Package libcrypto = built("apk", "libcrypto3", "3.3.2-r1", "openssl", "3.3.2-r1");

    assertThat(
            AdvisoryTarget.of(libcrypto, new OsRelease("alpine", "3.20.3", "Alpine", "x"))
                .orElseThrow())
        .extracting(AdvisoryTarget::packageName, AdvisoryTarget::version)
        .containsExactly("openssl", "3.3.2-r1");
  }

  @Test
  void redHatFamilyAdvisoriesNameBinariesAndTheirVersions() {
    Package libs = built("rpm", "openssl-libs", "1:3.0.7-27.el9", "openssl", "3.0.7-27.el9");

    assertThat(AdvisoryTarget.of(libs, new OsRelease("rhel", "9.4", "Red Hat", "x")).orElseThrow())
        .extracting(AdvisoryTarget::packageName, AdvisoryTarget::version)
        .containsExactly("openssl-libs", "1:3.0.7-27.el9");
  }

  @Test
  void distributionsWithoutOsvAdvisoriesHaveNoTarget() {
    for (String family : List.of("centos", "fedora", "amzn", "ol")) {
      assertThat(
              AdvisoryTarget.of(
                  pkg("rpm", "bash", "bash"), new OsRelease(family, "9", family, "x")))
          .as(family)
          .isEmpty();
    }
  }

  @Test
  void unknownOsOrMismatchedPackageTypeHasNoTarget() {
    assertThat(AdvisoryTarget.of(pkg("deb", "bash", "bash"), null)).isEmpty();
    assertThat(
            AdvisoryTarget.of(
                pkg("apk", "bash", "bash"), new OsRelease("debian", "12", "Debian", "x")))
        .isEmpty();
  }
}
