package dev.portcullis.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

  @TempDir Path dir;

  @Test
  void aFileIsReplacedWholeWithItsPermissionsAndNothingLeftBeside() throws IOException {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, "FROM debian:12.5\r\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    AtomicWrite.replace(file, "FROM debian:12.6\r\n".getBytes());
    assertThat(Files.readString(file)).isEqualTo("FROM debian:12.6\r\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws IOException {
    Path target = dir.resolve("real.Dockerfile");
    Files.writeString(target, "FROM debian:12.5\n");
    Path link = Files.createSymbolicLink(dir.resolve("Dockerfile"), target.getFileName());
    AtomicWrite.replace(link, "FROM debian:12.6\n".getBytes());
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("FROM debian:12.6\n");
  }

  /**
   * {@code -o /dev/null} once put a plain file where the device was, for everyone on the machine: a
   * named pipe stands in for such a device here, so a regression cannot break the machine.
   */
  @Test
  void aNamedPipeIsWrittenToNotReplaced() throws Exception {
    Path pipe = dir.resolve("report.pipe");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readAllBytes(pipe);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    AtomicWrite.replace(pipe, "{\"findings\": []}\n".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(read.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
        .isEqualTo("{\"findings\": []}\n");
    assertThat(Files.isRegularFile(pipe, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.readAttributes(pipe, BasicFileAttributes.class).isOther()).isTrue();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(pipe);
    }
  }

  @Test
  void aDirectoryIsNoFileToWrite() {
    assertThatThrownBy(() -> AtomicWrite.replace(dir, new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a directory");
  }
}
