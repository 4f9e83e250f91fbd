package dev.portcullis.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.HostileLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image content built to exhaust memory or time, scanned by the CLI in a JVM with a 512 MiB heap:
 * each gives a report with a warning naming the limit it hit, or exit 2 with one line, and no
 * answer takes longer than the deadline (generous: it catches hangs, it is no benchmark).
 */
class HostileContentTest {

  private static final String HEAP = "512m";
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final long DATABASE_BYTES = 250_000_000L;

  @TempDir Path dir;

  private Cli.Result sbom(Path rootfsTar) throws IOException, InterruptedException {
    Path report = dir.resolve("report.json");
    Cli.Result result =
        CliProcess.runWithHeap(
            HEAP,
            DEADLINE,
            "sbom",
            "image",
            "rootfs-tar:" + rootfsTar,
            "--no-cache",
            "--format",
            "json",
            "-o",
            report.toString());
    String written = Files.exists(report) ? Files.readString(report) : "";
    return new Cli.Result(result.exitCode(), written, result.err());
  }

  private static String stanza(long i) {
    return String.format(
        "Package: p%010d%nStatus: install ok installed%nVersion: 1.0-%d%nArchitecture: amd64%n%n",
        i, i);
  }

  @Test
  void hugeDpkgStatusOfDistinctPackagesIsReadUpToThePackageLimit() throws Exception {
    Path layer =
        HostileLayers.singleFile(
            dir.resolve("status.tar"),
            "var/lib/dpkg/status",
            DATABASE_BYTES,
            HostileLayers.lines(DATABASE_BYTES, HostileContentTest::stanza),
            false);

    Cli.Result result = sbom(layer);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("\"name\" : \"p0000000000\"")
        .contains(
            "/var/lib/dpkg/status: more than 100000 records, the limit for one package database");
  }

  @Test
  void dpkgStatusWithoutBlankLinesIsOneRecordSkippedOverItsLimit() throws Exception {
    Path layer =
        HostileLayers.singleFile(
            dir.resolve("status.tar.gz"),
            "var/lib/dpkg/status",
            DATABASE_BYTES,
            HostileLayers.lines(
                DATABASE_BYTES, i -> "Package: p" + i + "\nField" + i + ": " + i + "\n"),
            true);

    Cli.Result result = sbom(layer);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "/var/lib/dpkg/status: the record at line 1 has more than 500000 lines, the limit for"
                + " one record; it was skipped");
  }

  /**
   * A jar kept under a name no analyzer wants, and 100,000 hard links named {@code .jar} to it, or
   * to each other in a ring: each target is read once, and the links repeat no more than the bounds
   * allow.
   */
  @Test
  void hardLinksThroughAJarAndInARingAreBounded() throws Exception {
    byte[] jar = HostileLayers.jarOfPomProperties(1000);
    int links = 100_000;
    Path layer =
        HostileLayers.layer(
            dir.resolve("links.tar"),
            false,
            tar -> {
              HostileLayers.file(tar, "data/blob", jar);
              for (int i = 0; i < links; i++) {
                HostileLayers.hardLink(tar, "lib/l" + i + ".jar", "data/blob");
                HostileLayers.hardLink(
                    tar, "ring/r" + i + ".jar", "ring/r" + (i + 1) % links + ".jar");
              }
            });

    Cli.Result result = sbom(layer);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("\"name\" : \"g0:a0\"")
        .contains("hard links in this layer are wanted by an analyzer, the limit for one layer")
        .contains("would repeat more than 100000 packages, the limit for one layer")
        .contains("is part of a loop of hard links");
  }

  @Test
  void jarHolding150000PomPropertiesIsReadUpToThePackageLimit() throws Exception {
    byte[] jar = HostileLayers.jarOfPomProperties(150_000);
    Path layer =
        HostileLayers.layer(
            dir.resolve("fat.tar"), true, tar -> HostileLayers.file(tar, "app/fat.jar", jar));

    Cli.Result result = sbom(layer);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("\"name\" : \"g0:a0\"")
        .contains(
            "/app/fat.jar: more than 10000 pom.properties in one archive and what it nests, the"
                + " limit for one archive");
  }

  /** 40 GB of zeros in one file, just under the bomb ratio: the work budget stops it early. */
  @Test
  void gzipLayerOfZerosJustUnderTheRatioStopsAtTheWorkBudget() throws Exception {
    Path layer = HostileLayers.gzipZeros(dir.resolve("zeros.tar.gz"), 40_000_000_000L, 990, true);

    Cli.Result result = sbom(layer);

    assertOneLineError(result, "zeros.tar.gz", "the work budget for one layer");
  }

  /** Zeros after the tar's end are inflated only for the digest: a few KiB, not 40 GB. */
  @Test
  void gzipLayerOfZerosAfterTheTarEndStopsAtTheTrailingLimit() throws Exception {
    Path layer =
        HostileLayers.gzipZeros(dir.resolve("trailing.tar.gz"), 40_000_000_000L, 990, false);

    Cli.Result result = sbom(layer);

    assertOneLineError(
        result,
        "trailing.tar.gz",
        "bytes after the end of the tar archive, the limit for one layer");
  }

  /**
   * Two million entries, read in place (an uncompressed layer on disk): no index of the headers is
   * held, and what the walk keeps of each entry fits the heap.
   */
  @Test
  void layerOfTwoMillionEntriesIsWalkedWithoutHoldingItsHeaders() throws Exception {
    Path layer =
        HostileLayers.layer(
            dir.resolve("many.tar"),
            false,
            tar -> {
              for (int i = 0; i < 1_999_000; i++) {
                HostileLayers.file(tar, "d" + i / 1000 + "/f" + i, new byte[0]);
              }
            });

    Cli.Result result = sbom(layer);

    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  /** Very long names: the bound on what the walks hold stops the scan before the heap is spent. */
  @Test
  void layerOfVeryLongPathNamesStopsAtTheEntryIndexLimit() throws Exception {
    String directory = ("d".repeat(250) + "/").repeat(64);
    Path layer =
        HostileLayers.layer(
            dir.resolve("long.tar.gz"),
            true,
            tar -> {
              for (int i = 0; i < 20_000; i++) {
                HostileLayers.file(tar, directory + "f" + i, new byte[0]);
              }
            });

    Cli.Result result = sbom(layer);

    assertOneLineError(
        result,
        "long.tar.gz",
        "bytes of path names and link targets (counting 100 bytes per entry), the limit for one"
            + " image");
  }

  private static void assertOneLineError(Cli.Result result, String... fragments) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("portcullis: ").contains(fragments).doesNotContain("\tat ");
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.out()).isEmpty();
  }
}
