package dev.portcullis.analyzer;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.artifact.ImageInventory;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.LocalSources;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SQLite rpm database, written by rpm itself from packages rpmbuild made. */
class RpmDatabaseTest {

  private static final String SPEC =
      """
      Name: %s
      Version: %s
      Release: %s
      %s
      Summary: test package
      License: %s
      BuildArch: x86_64
      %%description
      test package
      %%install
      mkdir -p %%{buildroot}/usr/bin
      echo hi > %%{buildroot}/usr/bin/%s
      %%files
      /usr/bin/%s
      """;
  private static final String FEDORA =
      "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40 (Container Image)\"\n";

  @TempDir static Path dir;
  private static byte[] rpmdb;

  @BeforeAll
  static void buildDatabase() throws Exception {
    Path top = dir.resolve("rpmbuild");
    for (List<String> p :
        List.of(
            List.of("demo-tool", "1.2.3", "4.fc40", "Epoch: 2", "MIT"),
            List.of("plain", "0.9", "1.fc40", "", "GPL-2.0-or-later"))) {
      Path spec = dir.resolve(p.get(0) + ".spec");
      Files.writeString(
          spec,
          SPEC.formatted(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(0), p.get(0)));
      run("rpmbuild", "--define", "_topdir " + top, "-bb", spec.toString());
    }
    Path db = dir.resolve("db");
    Files.createDirectories(db);
    run("rpm", "--dbpath", db.toString(), "--initdb");
    try (var rpms = Files.walk(top.resolve("RPMS"))) {
      for (Path rpm : rpms.filter(f -> f.toString().endsWith(".rpm")).toList()) {
        run(
            "rpm",
            "--dbpath",
            db.toString(),
            "-i",
            "--justdb",
            "--nodeps",
            "--ignorearch",
            "--ignoreos",
            rpm.toString());
      }
    }
    rpmdb = Files.readAllBytes(db.resolve("rpmdb.sqlite"));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + output);
    }
  }

  private Inventory scan(String dbPath) throws IOException {
    Path layout = dir.resolve("layout-" + dbPath.replace('/', '-'));
    new OciLayoutBuilder()
        .layer(
            "dnf install",
            file("etc/os-release", FEDORA),
            OciLayoutBuilder.Entry.file(dbPath, rpmdb))
        .writeTo(layout, "v1");
    try (ImageSource source =
        LocalSources.ociLayout(layout, null, Platform.linuxAmd64(), Limits.defaults())) {
      return new ImageInventory(
              Analyzers.forImages(ArchiveLimits.defaults()), Limits.defaults(), null)
          .build(source);
    }
  }

  @Test
  void packagesComeWithEpochSourceRpmLicenseAndFiles() throws IOException {
    Inventory inventory = scan("var/lib/rpm/rpmdb.sqlite");

    assertThat(inventory.packages())
        .extracting(Package::name)
        .containsExactly("demo-tool", "plain");
    Package demo = inventory.packages().get(0);
    assertThat(demo.version()).isEqualTo("2:1.2.3-4.fc40");
    assertThat(demo.arch()).isEqualTo("x86_64");
    assertThat(demo.sourceName()).isEqualTo("demo-tool");
    assertThat(demo.sourceVersion()).isEqualTo("2:1.2.3-4.fc40");
    assertThat(demo.license()).isEqualTo("MIT");
    assertThat(demo.files()).containsExactly("/usr/bin/demo-tool");
    assertThat(demo.purl())
        .isEqualTo("pkg:rpm/fedora/demo-tool@1.2.3-4.fc40?arch=x86_64&distro=fedora-40&epoch=2");
    assertThat(inventory.packages().get(1).version()).isEqualTo("0.9-1.fc40");
  }

  @Test
  void newerFedoraLocationIsReadToo() throws IOException {
    assertThat(scan("usr/lib/sysimage/rpm/rpmdb.sqlite").packages()).hasSize(2);
  }
}
