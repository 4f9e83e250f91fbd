package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A layer read in place follows the tar's headers by position (GNU long names, PAX headers); it
 * must see exactly what the streamed reader sees in the same tar, compressed.
 */
class TarHeadersTest {

  private static final String LONG_DIR = "usr/share/" + "a-rather-long-directory-name/".repeat(6);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX})
  void longNamesAndLinksReadInPlaceAsStreamed(int longFileMode) throws IOException {
    byte[] tar = tar(longFileMode, true);

    List<String> inPlace = walk(tar, false);
    List<String> streamed = walk(tar, true);

    assertThat(inPlace).isEqualTo(streamed);
    assertThat(inPlace)
        .contains(
            LONG_DIR + "file FILE 5 hello",
            LONG_DIR + "link SYMLINK 0 -> " + LONG_DIR + "file",
            "etc/x FILE 3 abc");
  }

  @Test
  void globalPaxHeaderIsNoEntry() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry global = new TarArchiveEntry("pax_global_header", (byte) 'g');
      // Written as the header's records ("20 comment=anything\n"), not as content.
      global.addPaxHeader("comment", "anything");
      // putArchiveEntry writes a global header whole: there is no entry to close after it.
      out.putArchiveEntry(global);
      add(out, "etc/x", "abc");
    }

    assertThat(walk(bytes.toByteArray(), false)).containsExactly("etc/x FILE 3 abc");
  }

  /** GNU tar writes sparse files in its old format or as PAX 1.0; no image tool does. */
  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix"})
  void sparseFileIsReadWholeAndTheNextEntryFound(String format) throws Exception {
    Path root = Files.createDirectories(dir.resolve("root-" + format));
    try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("sparse").toFile(), "rw")) {
      sparse.seek(3 * 1024 * 1024);
      sparse.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/x"), "abc");
    Path out = dir.resolve("sparse-" + format + ".tar");
    Process tar =
        new ProcessBuilder(
                "tar",
                "--sparse",
                "--format=" + format,
                "-C",
                root.toString(),
                "-cf",
                out.toString(),
                "sparse",
                "etc/x")
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor()).as(output).isZero();
    byte[] bytes = Files.readAllBytes(out);

    List<String> inPlace = walkSummarised(bytes, false);

    assertThat(inPlace).isEqualTo(walkSummarised(bytes, true));
    // The size is what the archive stores, in either reader; the content is the whole file.
    assertThat(inPlace).hasSize(2);
    assertThat(inPlace.get(0)).startsWith("sparse FILE ").endsWith(" ...hello");
    assertThat(inPlace.get(1)).isEqualTo("etc/x FILE 3 abc");
  }

  @Test
  void malformedPaxHeaderIsACorruptLayer() throws IOException {
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX, false);
    // The first PAX record's length, "NNN path=…": make it claim more than the header holds.
    int at = indexOf(tar, " path=".getBytes(StandardCharsets.UTF_8));
    tar[at - 3] = '9';
    tar[at - 2] = '9';
    tar[at - 1] = '9';

    assertThatThrownBy(() -> walk(tar, false))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  private static byte[] tar(int longFileMode, boolean withLink) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(longFileMode);
      add(out, LONG_DIR + "file", "hello");
      if (withLink) {
        TarArchiveEntry link = new TarArchiveEntry(LONG_DIR + "link", (byte) '2');
        link.setLinkName(LONG_DIR + "file");
        out.putArchiveEntry(link);
        out.closeArchiveEntry();
      }
      add(out, "etc/x", "abc");
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream out, String name, String content)
      throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    out.putArchiveEntry(entry);
    out.write(data);
    out.closeArchiveEntry();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  /** As {@link #walk}, with each content shown by its last five bytes. */
  private List<String> walkSummarised(byte[] tar, boolean gzip) throws IOException {
    return walk(tar, gzip).stream()
        .map(
            line -> {
              int space = line.lastIndexOf(' ');
              String content = line.substring(space + 1);
              return content.length() > 5
                  ? line.substring(0, space + 1) + "..." + content.substring(content.length() - 5)
                  : line;
            })
        .toList();
  }

  private List<String> walk(byte[] tar, boolean gzip) throws IOException {
    Path file = dir.resolve(gzip ? "layer.tar.gz" : "layer.tar");
    if (gzip) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
        out.write(tar);
      }
      Files.write(file, compressed.toByteArray());
    } else {
      Files.write(file, tar);
    }
    List<String> read = new ArrayList<>();
    try (ImageSource source = LocalSources.rootfsTar(file)) {
      for (LayerRef layer : source.resolve().layers()) {
        source.walkLayer(
            layer,
            Limits.defaults(),
            e ->
                read.add(
                    e.path()
                        + " "
                        + e.type()
                        + " "
                        + e.size()
                        + " "
                        + (e.linkTarget() != null
                            ? "-> " + e.linkTarget()
                            : new String(e.content().readAllBytes(), StandardCharsets.UTF_8))));
      }
    }
    return read;
  }
}
