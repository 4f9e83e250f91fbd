package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an analyzer may read beside its file: only in directories, never through a symlink. */
class SiblingFilesTest {

  @TempDir Path dir;

  @Test
  void aProjectDirectoryOffersTheFileBesideAndNothingMore() throws IOException {
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.writeString(app.resolve("package.json"), "{\"name\":\"app\"}");
    Files.writeString(dir.resolve("secret.txt"), "not beside");
    Files.createSymbolicLink(app.resolve("linked.json"), dir.resolve("secret.txt"));

    try (ImageSource project = LocalSources.projectDirectory(dir)) {
      SiblingFiles siblings = project.siblingsOf("app/yarn.lock");

      assertThat(siblings.read("package.json", 1024))
          .hasValueSatisfying(
              bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("app"));
      assertThat(siblings.read("package.json", 5)).isEmpty();
      assertThat(siblings.read("linked.json", 1024)).isEmpty();
      assertThat(siblings.read("missing.json", 1024)).isEmpty();
      assertThatThrownBy(() -> siblings.read("../secret.txt", 1024))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void anImageLayerOffersNone() throws IOException {
    assertThat(SiblingFiles.NONE.read("package.json", 1024)).isEmpty();
  }
}
