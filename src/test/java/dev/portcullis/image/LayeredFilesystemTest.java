package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.LayerEntry.EntryType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayeredFilesystemTest {

  private static FileNode file(String path, int layer) {
    return new FileNode(path, EntryType.FILE, 1, 0644, null, layer);
  }

  private static FileNode link(String path, String target) {
    return new FileNode(path, EntryType.SYMLINK, 0, 0777, target, 0);
  }

  @Test
  void everyFileKnowsTheLayerThatLastWroteIt() {
    LayeredFilesystem fs = new LayeredFilesystem();
    fs.applyLayer(List.of(), List.of(), List.of(file("etc/motd", 0), file("etc/hosts", 0)));
    fs.applyLayer(List.of(), List.of(), List.of(file("etc/motd", 1)));

    assertThat(fs.lookup("etc/motd")).map(FileNode::layer).contains(1);
    assertThat(fs.lookup("etc/hosts")).map(FileNode::layer).contains(0);
  }

  @Test
  void whiteoutsAndOpaqueDirectoriesHideLowerLayers() {
    LayeredFilesystem fs = new LayeredFilesystem();
    fs.applyLayer(
        List.of(),
        List.of(),
        List.of(
            file("a/x", 0), file("a/y/z", 0), file("ab", 0), file("b/keep", 0), file("b/drop", 0)));
    fs.applyLayer(List.of("b"), List.of("a"), List.of(file("b/new", 1)));

    assertThat(fs.lookup("a/x")).isEmpty();
    assertThat(fs.lookup("a/y/z")).isEmpty();
    assertThat(fs.lookup("ab")).as("a sibling with a common prefix survives").isPresent();
    assertThat(fs.lookup("b/keep")).isEmpty();
    assertThat(fs.lookup("b/new")).isPresent();
  }

  @Test
  void symlinksResolveInsideTheImage() throws InputException {
    LayeredFilesystem fs = new LayeredFilesystem();
    fs.applyLayer(
        List.of(),
        List.of(),
        List.of(
            link("etc/os-release", "../usr/lib/os-release"),
            link("lib", "usr/lib"),
            link("escape", "../../../../etc/shadow"),
            link("abs", "/usr/lib/os-release"),
            file("usr/lib/os-release", 0)));

    assertThat(fs.resolve("etc/os-release")).isEqualTo("usr/lib/os-release");
    assertThat(fs.resolve("lib/os-release")).isEqualTo("usr/lib/os-release");
    assertThat(fs.resolve("abs")).isEqualTo("usr/lib/os-release");
    assertThat(fs.resolve("escape")).isEqualTo("etc/shadow");
  }

  @Test
  void symlinkLoopIsAnError() {
    LayeredFilesystem fs = new LayeredFilesystem();
    fs.applyLayer(List.of(), List.of(), List.of(link("a", "b"), link("b", "/a")));

    assertThatThrownBy(() -> fs.resolve("a/file"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("symlink loop");
  }

  @Test
  void tarNamesAreNormalisedAndEscapesRefused() throws InputException {
    assertThat(TarPaths.normalize("./etc//passwd", "t")).isEqualTo("etc/passwd");
    assertThat(TarPaths.normalize("./", "t")).isEmpty();
    assertThatThrownBy(() -> TarPaths.normalize("a/../../b", "t"))
        .hasMessageContaining("climbs out");
    assertThatThrownBy(() -> TarPaths.normalize("/etc/passwd", "t"))
        .hasMessageContaining("absolute path");
  }
}
