package dev.portcullis.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the user names are regular files of a bounded size, refused before a byte is read. */
class UserFilesTest {

  @TempDir Path directory;

  @Test
  void aFifoIsRefusedWithoutBlockingOnIt() throws Exception {
    Path fifo = fifo("ignore");

    assertThatThrownBy(() -> UserFiles.read(fifo, 1024, "an ignore file"))
        .isInstanceOf(UserFileException.class)
        .hasMessage(fifo + ": not a regular file (a FIFO, socket or device); name an ignore file");
  }

  @Test
  void aSparseFileOfGigabytesIsRefusedByItsSize() throws Exception {
    Path sparse = sparse("big.yaml", 3L << 30);

    assertThatThrownBy(() -> UserFiles.read(sparse, 4L << 20, "a policy file"))
        .isInstanceOf(UserFileException.class)
        .hasMessageContaining("3221225472 bytes, more than the 4194304 bytes a policy file may");
  }

  @Test
  void aDirectoryAndAMissingFileAreNamedAsSuch() {
    assertThatThrownBy(() -> UserFiles.read(directory, 1024, "a VEX document"))
        .hasMessageContaining("not a regular file (a directory); name a VEX document");
    assertThatThrownBy(() -> UserFiles.read(directory.resolve("none"), 1024, "an SBOM"))
        .hasMessageEndingWith("none: no such file");
  }

  @Test
  void textMustBeUtf8AndLosesItsByteOrderMark() throws Exception {
    Path text =
        Files.write(
            directory.resolve("a.txt"),
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'o', 'k'});
    Path latin1 = Files.write(directory.resolve("b.txt"), new byte[] {'n', (byte) 0xE9});

    assertThat(UserFiles.readText(text, 16, "a file")).isEqualTo("ok");
    assertThatThrownBy(() -> UserFiles.readText(latin1, 16, "a policy file"))
        .hasMessageEndingWith("not UTF-8 text; name a policy file");
  }

  @Test
  void theCommandsThatTakeSuchFilesExitWithTwoAndOneLine() throws Exception {
    Path fifo = fifo("portcullis.yaml");
    Path sparse = sparse(".trivyignore", 3L << 30);
    Path dockerfile = fifo("Dockerfile");

    for (Cli.Result result :
        new Cli.Result[] {
          Cli.run("policy", "check", fifo.toString()),
          Cli.run("scan", "fs", directory.toString(), "--ignorefile", sparse.toString()),
          Cli.run("lint", "dockerfile", dockerfile.toString()),
          Cli.run("scan", "fs", directory.toString(), "--vex", fifo.toString())
        }) {
      assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
      assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
    }
  }

  private Path fifo(String name) throws IOException, InterruptedException {
    Path fifo = directory.resolve(name + ".fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    return fifo;
  }

  private Path sparse(String name, long size) throws IOException {
    Path file = directory.resolve(name);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(size);
    }
    return file;
  }
}
