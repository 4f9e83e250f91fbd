package dev.portcullis.image;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.OciLayoutBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a layer's tar may end: Go's tar reader (containerd's, Trivy's) takes the end of the stream
 * right after an entry's content as the end of the archive; anywhere else inside an entry it is a
 * truncated layer. Both hold for a layer read in place (uncompressed) and for a streamed one.
 */
class TarLayerEndingsTest {

  private static final int HEADER = 512;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void tarEndingRightAfterTheLastContentIsRead(boolean gzip) throws IOException {
    byte[] tar = OciLayoutBuilder.tar(List.of(file("a", "first"), file("etc/b", "hello")));
    int end = 3 * HEADER + "hello".length();

    List<String> read = walk(Arrays.copyOf(tar, end), gzip);

    assertThat(read).containsExactly("a=first", "etc/b=hello");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void tarEndingInsideThePaddingIsTruncated(boolean gzip) throws IOException {
    byte[] tar = OciLayoutBuilder.tar(List.of(file("a", "hello")));

    assertThatThrownBy(() -> walk(Arrays.copyOf(tar, HEADER + 100), gzip))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void tarEndingInsideTheContentIsTruncated(boolean gzip) throws IOException {
    byte[] tar = OciLayoutBuilder.tar(List.of(file("a", "hello")));

    assertThatThrownBy(() -> walk(Arrays.copyOf(tar, HEADER + 3), gzip))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  private List<String> walk(byte[] tar, boolean gzip) throws IOException {
    Path file = dir.resolve(gzip ? "layer.tar.gz" : "layer.tar");
    Files.write(file, gzip ? gzip(tar) : tar);
    List<String> read = new ArrayList<>();
    try (ImageSource source = LocalSources.rootfsTar(file)) {
      for (LayerRef layer : source.resolve().layers()) {
        source.walkLayer(
            layer,
            Limits.defaults(),
            e ->
                read.add(
                    e.path()
                        + "="
                        + new String(e.content().readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return read;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
