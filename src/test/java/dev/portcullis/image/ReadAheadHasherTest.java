package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReadAheadHasherTest {

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  @Test
  void passesTheContentThroughAndHashesAllOfIt() throws IOException {
    byte[] content = randomBytes(3 * 1024 * 1024 + 17);
    try (ReadAheadHasher in = new ReadAheadHasher(new ByteArrayInputStream(content), "test")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(Digest.sha256(in.rawDigest())).isEqualTo(Digest.sha256Of(content));
      assertThat(in.compressedBytesRead()).isEqualTo(content.length);
    }
  }

  @Test
  void digestIsUnknownUntilTheEnd() throws IOException {
    try (ReadAheadHasher in =
        new ReadAheadHasher(new ByteArrayInputStream(randomBytes(1024 * 1024)), "test")) {
      in.readNBytes(1000);
      assertThat(in.rawDigest()).isNull();
    }
  }

  @Test
  void closingEarlyStopsTheReaderEvenWhenItHoldsEveryBuffer() throws Exception {
    byte[] content = randomBytes(16 * 1024 * 1024);
    ReadAheadHasher in = new ReadAheadHasher(new ByteArrayInputStream(content), "test");
    in.read();
    Thread.sleep(200); // let the reader fill every buffer
    in.close();
    Thread reader = in.readerThread();
    reader.join(5000);
    assertThat(reader.isAlive()).isFalse();
  }

  @Test
  void failureOfTheSourceReachesTheConsumer() {
    InputStream failing =
        new InputStream() {
          private int calls;

          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (calls++ < 2) {
              return Math.min(len, 1000);
            }
            throw new IOException("disk on fire");
          }
        };
    try (ReadAheadHasher in = new ReadAheadHasher(failing, "test")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasMessage("disk on fire");
    }
  }
}
