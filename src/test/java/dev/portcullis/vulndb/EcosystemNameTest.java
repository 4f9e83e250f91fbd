package dev.portcullis.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OSV ecosystem strings split into ecosystem and release at the first colon. */
class EcosystemNameTest {

  @Test
  void redHatKeepsTheWholeCpeDerivedStreamAsItsRelease() {
    assertThat(EcosystemName.parse("Red Hat:enterprise_linux:9::baseos"))
        .isEqualTo(new EcosystemName("Red Hat", "enterprise_linux:9::baseos"));
    assertThat(EcosystemName.parse("Red Hat:rhel_eus:9.4::appstream").release())
        .isEqualTo("rhel_eus:9.4::appstream");
    assertThat(EcosystemName.parse("Red Hat:enterprise_linux:9::baseos").toString())
        .isEqualTo("Red Hat:enterprise_linux:9::baseos");
  }

  @Test
  void otherDistributionsAndLanguages() {
    assertThat(EcosystemName.parse("Ubuntu:22.04:LTS"))
        .isEqualTo(new EcosystemName("Ubuntu", "22.04:LTS"));
    assertThat(EcosystemName.parse("Rocky Linux:9"))
        .isEqualTo(new EcosystemName("Rocky Linux", "9"));
    assertThat(EcosystemName.parse("PyPI")).isEqualTo(new EcosystemName("PyPI", ""));
  }
}
