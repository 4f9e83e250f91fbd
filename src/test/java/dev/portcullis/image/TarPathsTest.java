package dev.portcullis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Entry names as archives write them, and the image paths they stand for. */
class TarPathsTest {

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
  void namesBecomePlainRelativePaths(String name, String path) throws InputException {
    assertThat(TarPaths.normalize(name, "layer")).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../etc/passwd", "./../x", "usr/../../etc", "usr/..", "a/../b"})
  void climbingOutIsRefused(String name) {
    assertThatThrownBy(() -> TarPaths.normalize(name, "layer"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("climbs out");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "/", "//x"})
  void absoluteNamesAreRefused(String name) {
    assertThatThrownBy(() -> TarPaths.normalize(name, "layer"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("absolute");
  }
}
