package dev.portcullis.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EcosystemsTest {

  @Test
  void osvNamesIgnoringCase() {
    assertThat(Ecosystems.forEcosystem("Debian")).isInstanceOf(DpkgComparator.class);
    assertThat(Ecosystems.forEcosystem("UBUNTU")).isInstanceOf(DpkgComparator.class);
    assertThat(Ecosystems.forEcosystem("Alpine")).isInstanceOf(ApkComparator.class);
    assertThat(Ecosystems.forEcosystem("Red Hat")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("Rocky Linux")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("AlmaLinux")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("openSUSE")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("SUSE")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("Maven")).isInstanceOf(MavenComparator.class);
    assertThat(Ecosystems.forEcosystem("npm")).isInstanceOf(SemverComparator.class);
    assertThat(Ecosystems.forEcosystem("crates.io")).isInstanceOf(SemverComparator.class);
    assertThat(Ecosystems.forEcosystem("Go")).isInstanceOf(SemverComparator.class);
    assertThat(Ecosystems.forEcosystem("PyPI")).isInstanceOf(Pep440Comparator.class);
    assertThat(Ecosystems.forEcosystem("pypi")).isInstanceOf(Pep440Comparator.class);
    assertThat(Ecosystems.forEcosystem("RubyGems")).isInstanceOf(RubyGemsComparator.class);
    assertThat(Ecosystems.forEcosystem("NuGet")).isInstanceOf(NuGetComparator.class);
    assertThat(Ecosystems.forEcosystem("Packagist")).isInstanceOf(ComposerComparator.class);
    assertThat(Ecosystems.forEcosystem("CRAN")).hasToString("CRAN");
    assertThat(Ecosystems.forEcosystem("Hackage")).hasToString("Hackage");
    assertThat(Ecosystems.forEcosystem("Pub")).isInstanceOf(PubComparator.class);
  }

  @Test
  void releaseQualifiedNamesResolveByThePartBeforeTheColon() {
    assertThat(Ecosystems.forEcosystem("Debian:12")).isInstanceOf(DpkgComparator.class);
    assertThat(Ecosystems.forEcosystem("Alpine:v3.20")).isInstanceOf(ApkComparator.class);
    assertThat(Ecosystems.forEcosystem("Ubuntu:22.04:LTS")).isInstanceOf(DpkgComparator.class);
    assertThat(Ecosystems.forEcosystem("Red Hat:enterprise_linux:9::appstream"))
        .isInstanceOf(RpmComparator.class);
  }

  @Test
  void aliases() {
    assertThat(Ecosystems.forEcosystem("debian")).isInstanceOf(DpkgComparator.class);
    assertThat(Ecosystems.forEcosystem("alpine")).isInstanceOf(ApkComparator.class);
    assertThat(Ecosystems.forEcosystem("redhat")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("rpm")).isInstanceOf(RpmComparator.class);
    assertThat(Ecosystems.forEcosystem("semver")).isInstanceOf(SemverComparator.class);
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> Ecosystems.forEcosystem("Gentoo:2.17"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Gentoo:2.17'")
        .hasMessageContaining("Debian")
        .hasMessageContaining("PyPI")
        .hasMessageContaining("Red Hat");
    assertThatThrownBy(() -> Ecosystems.forEcosystem(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreTheOsvSpellings() {
    assertThat(Ecosystems.names())
        .contains("Alpine", "crates.io", "Debian", "Go", "npm", "PyPI", "Red Hat", "semver")
        .allSatisfy(name -> assertThat(Ecosystems.forEcosystem(name)).isNotNull());
  }
}
