package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.OciLayoutBuilder.Entry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer with non-ASCII file names (Debian's ca-certificates ships some) scans under a C locale,
 * as many CI images run: Java 17 would decode tar names in the platform's ASCII charset and fail.
 */
class NonAsciiNamesTest {

  @TempDir Path directory;

  @Test
  void aLayerWithUtf8NamesScansUnderTheCLocale() throws Exception {
    Path image = directory.resolve("image");
    new OciLayoutBuilder()
        .layer(
            "COPY certs /usr/share/ca-certificates/",
            Entry.directory("usr/share/ca-certificates/mozilla/"),
            Entry.file(
                "usr/share/ca-certificates/mozilla/NetLock_Arany_=Class_Gold=_Főtanúsítvány.crt",
                "-----BEGIN CERTIFICATE-----\n"),
            Entry.file("etc/motd", "héllo\n"))
        .writeTo(image, "app");

    Cli.Result scanned =
        CliProcess.run(
            Map.of("LANG", "C", "LC_ALL", "C"),
            "sbom",
            "image",
            "oci:" + image + ":app",
            "--no-cache",
            "--format",
            "json");

    assertThat(scanned.exitCode()).as(scanned.err()).isZero();
  }
}
