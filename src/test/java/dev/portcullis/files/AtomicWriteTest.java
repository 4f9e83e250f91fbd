package dev.portcullis.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
}
