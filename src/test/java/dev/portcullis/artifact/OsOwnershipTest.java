package dev.portcullis.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Package;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A language package is the OS package's whose file list names the file it was read from. */
class OsOwnershipTest {

  private static Package deb(String name, String... files) {
    return Package.library("deb", name, "1.0-1", "var/lib/dpkg/status").withFiles(List.of(files));
  }

  @Test
  void aJarInsideAnArchiveADebInstalledBelongsToThatDeb() {
    List<Package> marked =
        OsOwnership.mark(
            List.of(
                deb("jenkins", "/usr/share/java/jenkins.war"),
                Package.library(
                    "maven",
                    "org.example:lib",
                    "1.0",
                    "usr/share/java/jenkins.war!/WEB-INF/lib/lib-1.0.jar")));

    assertThat(marked.get(1).ownedBy()).isEqualTo("jenkins");
  }

  @Test
  void aPackageNoFileListNamesStaysUnowned() {
    List<Package> marked =
        OsOwnership.mark(
            List.of(
                deb("python3-six", "/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO"),
                Package.library(
                    "pypi",
                    "six",
                    "1.16.0",
                    "usr/local/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA"),
                Package.library(
                    "gem",
                    "rake",
                    "13.0.6",
                    "usr/share/rubygems-integration/all/specifications/rake-13.0.6.gemspec")));

    assertThat(marked).extracting(Package::ownedBy).containsOnlyNulls();
  }
}
