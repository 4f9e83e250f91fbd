package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which OSV ecosystem, release and package name an installed OS package's advisories live under.
 */
class AdvisoryTargetTest {

  private static Package pkg(String type, String name, String source) {
    return new Package(
        type, name, "1.0-1", "amd64", source, "1.0-1", null, null, "x", null, null, List.of(), null,
        false, null);
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
  void unknownOsOrMismatchedPackageTypeHasNoTarget() {
    assertThat(AdvisoryTarget.of(pkg("deb", "bash", "bash"), null)).isEmpty();
    assertThat(
            AdvisoryTarget.of(
                pkg("apk", "bash", "bash"), new OsRelease("debian", "12", "Debian", "x")))
        .isEmpty();
  }
}
