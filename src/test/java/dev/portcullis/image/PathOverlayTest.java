package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathOverlayTest {

  /** Paths that sort between a directory and its children, or share its name as a prefix. */
  private static PathOverlay<String> overlay() {
    PathOverlay<String> overlay = new PathOverlay<>();
    for (String path :
        List.of(
            "usr/lib",
            "usr/lib-old/a",
            "usr/lib.d/b",
            "usr/lib/a",
            "usr/lib/x/y",
            "usr/lib0/c",
            "usr/libz",
            "usr/li")) {
      overlay.put(path, path);
    }
    return overlay;
  }

  @Test
  void aWhiteoutRemovesThePathAndWhatIsBelowItButNotItsNamesakes() {
    PathOverlay<String> overlay = overlay();
    overlay.whiteout("usr/lib");
    assertThat(overlay.asMap().keySet())
        .containsExactly("usr/li", "usr/lib-old/a", "usr/lib.d/b", "usr/lib0/c", "usr/libz");
  }

  @Test
  void clearingBelowADirectoryKeepsTheDirectoryAndItsNamesakes() {
    PathOverlay<String> overlay = overlay();
    overlay.clearBelow("usr/lib");
    assertThat(overlay.asMap().keySet())
        .containsExactly(
            "usr/li", "usr/lib", "usr/lib-old/a", "usr/lib.d/b", "usr/lib0/c", "usr/libz");
  }

  @Test
  void aPathWithNothingAtOrBelowItChangesNothing() {
    PathOverlay<String> overlay = overlay();
    overlay.whiteout("usr/lib/b");
    overlay.whiteout("usr/l");
    overlay.clearBelow("usr/lib/x/y");
    overlay.whiteout("zzz");
    overlay.clearBelow("a");
    assertThat(overlay.asMap()).hasSize(8);
  }

  @Test
  void theRootClearsEverything() {
    PathOverlay<String> overlay = overlay();
    overlay.clearBelow("");
    assertThat(overlay.values()).isEmpty();
  }

  @Test
  void aWhiteoutOfAFileRemovesOnlyThatFile() {
    PathOverlay<String> overlay = overlay();
    overlay.whiteout("usr/lib/x/y");
    assertThat(overlay.get("usr/lib/x/y")).isNull();
    assertThat(overlay.asMap()).hasSize(7);
  }
}
