package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredContentTest {

  @TempDir Path dir;

  private FileChannel channelOver(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("layer"), content, StandardCharsets.US_ASCII);
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  @Test
  void readsInOrderWithinItsBoundsOnly() throws IOException {
    try (FileChannel file = channelOver("<header>the content<next header>")) {
      StoredContent content = new StoredContent(file, 8, 11);

      assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("the content");
      assertThat(content.read()).isEqualTo(-1);
    }
  }

  @Test
  void readsAtAnyPositionWithoutMovingTheStream() throws IOException {
    try (FileChannel file = channelOver("<header>the content<next header>")) {
      StoredContent content = new StoredContent(file, 8, 11);
      byte[] buffer = new byte[20];

      assertThat(content.readAt(4, buffer, 2, 20)).isEqualTo(7);
      assertThat(new String(buffer, 2, 7, StandardCharsets.US_ASCII)).isEqualTo("content");
      assertThat(content.readAt(11, buffer, 0, 4)).isZero();
      assertThat(content.read()).isEqualTo('t');
    }
  }

  @Test
  void skipsMarksAndResetsWithoutReading() throws IOException {
    try (FileChannel file = channelOver("<header>the content<next header>")) {
      StoredContent content = new StoredContent(file, 8, 11);

      assertThat(content.skip(4)).isEqualTo(4);
      content.mark(100);
      assertThat(content.read()).isEqualTo('c');
      content.reset();
      assertThat(content.available()).isEqualTo(7);
      assertThat(content.skip(100)).isEqualTo(7);
      assertThat(content.read()).isEqualTo(-1);
    }
  }

  @Test
  void aFileCutShortEndsTheContentEarly() throws IOException {
    try (FileChannel file = channelOver("<header>the co")) {
      StoredContent content = new StoredContent(file, 8, 11);

      assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("the co");
    }
  }
}
