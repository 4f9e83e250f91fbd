package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelSliceTest {

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("blob"), content, StandardCharsets.US_ASCII);
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void seesOnlyItsWindow() throws IOException {
    LocalBlob blob = new LocalBlob(file("headMIDDLEtail"), 4, 6, "blob");

    assertThat(read(blob.openStream())).isEqualTo("MIDDLE");
  }

  @Test
  void readsAtAnyPositionWithinTheWindow() throws IOException {
    LocalBlob blob = new LocalBlob(file("headMIDDLEtail"), 4, 6, "blob");
    try (SeekableByteChannel channel = blob.openChannel()) {
      ByteBuffer buffer = ByteBuffer.allocate(10);
      channel.position(3);

      assertThat(channel.read(buffer)).isEqualTo(3);
      assertThat(new String(buffer.array(), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("DLE");
      assertThat(channel.read(buffer.clear())).isEqualTo(-1);
      assertThat(channel.size()).isEqualTo(6);
    }
  }

  @Test
  void smallReadsAcrossTheBufferSeeEveryByteInOrder() throws IOException {
    byte[] content = new byte[200_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + i / 256);
    }
    Path file = Files.write(dir.resolve("large"), content);
    LocalBlob blob = new LocalBlob(file, 1000, 150_000, "large");
    try (SeekableByteChannel channel = blob.openChannel()) {
      ByteBuffer record = ByteBuffer.allocate(512);
      for (long at : new long[] {0, 512, 70_000, 65_000, 149_800}) {
        channel.position(at);
        int read = channel.read(record.clear());

        assertThat(read).isEqualTo((int) Math.min(512, 150_000 - at));
        for (int i = 0; i < read; i++) {
          assertThat(record.get(i)).isEqualTo(content[(int) (1000 + at + i)]);
        }
      }
    }
  }

  @Test
  void aFileShorterThanTheWindowEndsEarly() throws IOException {
    LocalBlob blob = new LocalBlob(file("headMID"), 4, 6, "blob");

    assertThat(read(blob.openStream())).isEqualTo("MID");
  }

  @Test
  void aWholeFileIsOneBlob() throws IOException {
    LocalBlob blob = LocalBlob.of(file("all of it"), "blob");

    assertThat(blob.size()).isEqualTo(9);
    assertThat(read(blob.openStream())).isEqualTo("all of it");
  }

  @Test
  void aMissingFileIsAnInputError() {
    assertThatThrownBy(() -> LocalBlob.of(dir.resolve("absent"), "absent.tar"))
        .isInstanceOf(InputException.class)
        .hasMessage("absent.tar: no such file");
  }
}
