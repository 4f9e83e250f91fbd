package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Entry names as archives write them, and the paths they stand for. */
class TarPathsTest {

  /** What containerd does: join the name to "/", clean it lexically; ".." at "/" stays there. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "usr/bin/ls|usr/bin/ls|false",
        "./usr/share/|usr/share|false",
        "usr//share/.|usr/share|false",
        "/|''|false",
        "./|''|false",
        "/etc/x|etc/x|false",
        "//x|x|false",
        "a/../b|b|false",
        "usr/..|''|false",
        "etc/..d/x|etc/..d/x|false",
        "..|''|true",
        "./../etc/x|etc/x|true",
        "a/../../b|b|true",
        "/../../../etc/passwd|etc/passwd|true",
        "usr/../../etc|etc|true",
        "a/b/../../../c/../d|d|true",
        ".x/..y/...|.x/..y/...|false",
        "./.|''|false",
        "x/.|x|false",
        "///|''|false",
        ".//x|x|false",
        "./..|''|true",
        "/./x/|x|false"
      })
  void layerNamesAreReadAsContainerdAppliesThem(String name, String path, boolean climbed) {
    assertThat(TarPaths.inImage(name)).isEqualTo(new TarPaths.ImagePath(path, climbed));
  }

  /** The JDK's own lexical rules for Unix paths, rooted at "/", agree on generated names. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void layerNamesAgreeWithRootedNormalisation(long seed) {
    Random random = new Random(seed);
    String[] parts = {"a", "b", ".", "..", "", "..d", ".wh.x"};
    for (int i = 0; i < 2000; i++) {
      String[] prefixes = {"", "/", "./", "//"};
      StringBuilder name = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
      int segments = 1 + random.nextInt(6);
      for (int s = 0; s < segments; s++) {
        name.append(s == 0 ? "" : "/").append(parts[random.nextInt(parts.length)]);
      }
      String expected = Path.of("/").resolve(name.toString()).normalize().toString().substring(1);
      assertThat(TarPaths.inImage(name.toString()).path()).as(name.toString()).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "usr/bin/ls|usr/bin/ls",
        "./usr/bin/ls|usr/bin/ls",
        "././usr/bin/ls|usr/bin/ls",
        "usr/share/|usr/share",
        "./usr/share/|usr/share",
        "usr//share|usr/share",
        "usr/./share|usr/share",
        "usr/share/.|usr/share",
        ".hidden/.profile|.hidden/.profile",
        "etc/..d/x|etc/..d/x",
        "a|a",
        "./|''",
        ".|''",
        "''|''",
        "././|''",
        "./.|''",
        "usr/share//|usr/share"
      })
  void archiveMemberNamesBecomePlainRelativePaths(String name, String path) throws InputException {
    assertThat(TarPaths.normalize(name, "layer")).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../etc/passwd", "./../x", "usr/../../etc", "usr/..", "a/../b"})
  void archiveMembersClimbingOutAreRefused(String name) {
    assertThatThrownBy(() -> TarPaths.normalize(name, "layer"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("climbs out");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "/", "//x"})
  void absoluteArchiveMembersAreRefused(String name) {
    assertThatThrownBy(() -> TarPaths.normalize(name, "layer"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("absolute");
  }
}
