package dev.portcullis.analyzer.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile rpm header blobs: every offset is checked before it is used. */
class RpmHeaderTest {

  private static byte[] header(int indexCount, int dataLength, int[][] entries, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + 16 * entries.length + data.length);
    buffer.putInt(indexCount).putInt(dataLength);
    for (int[] e : entries) {
      buffer.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]);
    }
    buffer.put(data);
    return buffer.array();
  }

  @Test
  void wellFormedHeaderYieldsItsStrings() {
    byte[] data = "bash\0".getBytes(StandardCharsets.UTF_8);
    RpmHeader header =
        RpmHeader.parse(header(1, data.length, new int[][] {{RpmHeader.NAME, 6, 0, 1}}, data));

    assertThat(header.string(RpmHeader.NAME)).isEqualTo("bash");
    assertThat(header.string(RpmHeader.VERSION)).isNull();
  }

  @Test
  void truncatedAndLyingHeadersAreRejected() {
    assertThatThrownBy(() -> RpmHeader.parse(new byte[4]))
        .hasMessageContaining("shorter than 8 bytes");
    assertThatThrownBy(
            () ->
                RpmHeader.parse(
                    header(1, 1000, new int[][] {{RpmHeader.NAME, 6, 0, 1}}, new byte[4])))
        .hasMessageContaining("runs past the blob");
    assertThatThrownBy(() -> RpmHeader.parse(header(-5, 0, new int[0][], new byte[0])))
        .hasMessageContaining("implausible");
    byte[] unterminated = "bash".getBytes(StandardCharsets.UTF_8);
    RpmHeader header =
        RpmHeader.parse(
            header(1, unterminated.length, new int[][] {{RpmHeader.NAME, 6, 0, 1}}, unterminated));
    assertThatThrownBy(() -> header.string(RpmHeader.NAME))
        .hasMessageContaining("string runs past the data");
    assertThatThrownBy(
            () ->
                RpmHeader.parse(
                    header(1, 4, new int[][] {{RpmHeader.NAME, 6, 99, 1}}, new byte[4])))
        .hasMessageContaining("points outside the data");
  }

  @Test
  void hugeArrayCountsDoNotAllocate() {
    RpmHeader header =
        RpmHeader.parse(
            header(
                1, 8, new int[][] {{RpmHeader.DIRINDEXES, 4, 0, Integer.MAX_VALUE}}, new byte[8]));

    assertThatThrownBy(() -> header.int32Array(RpmHeader.DIRINDEXES))
        .hasMessageContaining("runs past the data");
  }
}
