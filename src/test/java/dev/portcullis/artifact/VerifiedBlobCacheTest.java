package dev.portcullis.artifact;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.image.DigestMismatchException;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.LocalSources;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.testing.CountingSource;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.OciLayoutBuilder.Compression;
import dev.portcullis.testing.OciLayoutBuilder.WrittenLayer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A layer whose analysis is cached is still proven to be the layer its diffID names, by hashing its
 * blob: once per state of the file that holds it. A later run over the same, unchanged file hashes
 * nothing; a file touched or rewritten since is hashed again, and refused if it no longer holds the
 * layer.
 */
class VerifiedBlobCacheTest {

  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\n";

  @TempDir Path dir;

  private Path layout;
  private LayerCache cache;
  private List<WrittenLayer> layers;

  /** What one scan asked of its source. */
  private record Reads(int walks, int verifications) {}

  void write(Compression compression) throws IOException {
    layout = dir.resolve("layout");
    layers =
        new OciLayoutBuilder()
            .compression(compression)
            .layer(
                "base",
                file("etc/os-release", OS_RELEASE),
                file("var/lib/dpkg/status", status("bash", "5.2")))
            .layer("upgrade", file("var/lib/dpkg/status", status("bash", "5.3")))
            .writeTo(layout, "v1");
    cache = new LayerCache(dir.resolve("cache"));
  }

  @BeforeEach
  void noLayoutYet() {
    layout = null;
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "GZIP"})
  void secondScanOfAnUnchangedImageHashesNothing(Compression compression) throws IOException {
    write(compression);

    Reads first = scan();
    Reads second = scan();

    assertThat(first).isEqualTo(new Reads(2, 0));
    assertThat(second).isEqualTo(new Reads(0, 0));
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "GZIP"})
  void cacheWithoutVerificationRecordsChecksEachBlobOnceThenTrustsIt(Compression compression)
      throws IOException {
    write(compression);
    scan();
    // A cache written before verification records existed holds the analyses alone.
    deleteTree(dir.resolve("cache/verified"));

    Reads upgrading = scan();
    Reads after = scan();

    assertThat(upgrading).isEqualTo(new Reads(0, 2));
    assertThat(after).isEqualTo(new Reads(0, 0));
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "GZIP"})
  void blobTouchedSinceIsHashedAgainNotAnalysedAgain(Compression compression) throws IOException {
    write(compression);
    scan();
    Files.setLastModifiedTime(layers.get(1).blob(), FileTime.from(Instant.now().plusSeconds(60)));

    assertThat(scan()).isEqualTo(new Reads(0, 1));
    assertThat(scan()).isEqualTo(new Reads(0, 0));
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "GZIP"})
  void blobRewrittenInPlaceIsRefusedThoughItsAnalysisIsCached(Compression compression)
      throws IOException {
    write(compression);
    scan();
    Path blob = layers.get(1).blob();
    FileTime modified = Files.getLastModifiedTime(blob);
    try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 0x20);
    }
    // Same size, same mtime: only the status change time (ctime) tells the new content apart.
    Files.setLastModifiedTime(blob, modified);

    assertThatThrownBy(this::scan).isInstanceOf(DigestMismatchException.class);
    // Nor is a refused blob recorded as verified.
    assertThatThrownBy(this::scan).isInstanceOf(DigestMismatchException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"NONE"})
  void recordThatSaysAnythingElseIsNotTrusted(Compression compression) throws IOException {
    write(compression);
    scan();
    try (Stream<Path> records = Files.walk(dir.resolve("cache/verified"))) {
      for (Path record : records.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(record);
        // An older or foreign record under the same name: a different format line.
        Files.writeString(record, text.replace("verified blob 1", "verified blob 0"));
      }
    }

    assertThat(scan()).isEqualTo(new Reads(0, 2));
  }

  private Reads scan() throws IOException {
    try (ImageSource source =
        LocalSources.ociLayout(layout, null, Platform.linuxAmd64(), Limits.defaults())) {
      CountingSource counting = new CountingSource(source);
      Inventory inventory =
          new ImageInventory(
                  Analyzers.forImages(ArchiveLimits.defaults()), Limits.defaults(), cache)
              .build(counting);
      assertThat(inventory.packages()).singleElement().extracting("version").isEqualTo("5.3");
      return new Reads(counting.walks(), counting.verifications());
    }
  }

  private static String status(String name, String version) {
    return "Package: "
        + name
        + "\nStatus: install ok installed\nVersion: "
        + version
        + "\nArchitecture: amd64\n\n";
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
