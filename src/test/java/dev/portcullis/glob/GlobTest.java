package dev.portcullis.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void thePathSyntaxAgreesWithTheJdksGlobOnRandomPatternsAndValues() {
    String[] pieces = {"a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "[a-b]", "{a,b/}", "\\*"};
    Random random = new Random(42);
    List<String> values = values(new char[] {'a', 'b', '*'}, 6);
    int compared = 0;
    for (int p = 0; p < 400; p++) {
      StringBuilder pattern = new StringBuilder();
      int length = 1 + random.nextInt(5);
      for (int i = 0; i < length; i++) {
        pattern.append(pieces[random.nextInt(pieces.length)]);
      }
      Glob glob = Glob.path(pattern.toString());
      var jdk = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      for (String value : values) {
        assertThat(glob.matches(value))
            .as("%s against %s", pattern, value)
            .isEqualTo(jdk.matches(Path.of(value)));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(100_000);
  }

  @Test
  void dockerignorePatternsMatchAsBuildKitDocumentsThem() {
    assertThat(Glob.dockerignore("**/*.go").matches("main.go")).isTrue();
    assertThat(Glob.dockerignore("**/*.go").matches("cmd/tool/main.go")).isTrue();
    assertThat(Glob.dockerignore("*/temp*").matches("somedir/temporary.txt")).isTrue();
    assertThat(Glob.dockerignore("*/temp*").matches("temporary.txt")).isFalse();
    assertThat(Glob.dockerignore("*/*/temp*").matches("a/b/temp")).isTrue();
    assertThat(Glob.dockerignore("temp?").matches("temp1")).isTrue();
    assertThat(Glob.dockerignore("temp?").matches("temp/")).isFalse();
    assertThat(Glob.dockerignore("*.log").matches("build.log")).isTrue();
    assertThat(Glob.dockerignore("[^a]*.log").matches("build.log")).isTrue();
    assertThat(Glob.dockerignore("[!b]*.log").matches("build.log")).isFalse();
    assertThat(Glob.dockerignore("\\*.log").matches("*.log")).isTrue();
    assertThat(Glob.dockerignore("\\*.log").matches("a.log")).isFalse();
    assertThat(Glob.dockerignore("[unclosed").matches("[unclosed")).isTrue();
    assertThat(Glob.dockerignore("node_modules").matches("node_modules")).isTrue();
    assertThat(Glob.dockerignore("a/**").matches("a/b/c")).isTrue();
  }

  @Test
  void simplePatternsKeepSegmentsApartExceptWithTwoStars() {
    assertThat(Glob.simple("library/*").matches("library/debian")).isTrue();
    assertThat(Glob.simple("library/*").matches("library/a/b")).isFalse();
    assertThat(Glob.simple("team/**").matches("team/a/b")).isTrue();
    assertThat(Glob.simple("1.2?").matches("1.25")).isTrue();
    assertThat(Glob.simple("[a]").matches("a")).isFalse();
    assertThat(Glob.simple("[a]").matches("[a]")).isTrue();
  }

  @Test
  void patternsWrittenToBacktrackAreMatchedInLinearTime() {
    String stars = "*a".repeat(40) + "b";
    String value = "a".repeat(20_000);
    assertThat(Glob.path(stars).matches(value)).isFalse();
    assertThat(Glob.dockerignore("**/".repeat(200) + "x").matches("a/".repeat(5_000) + "y"))
        .isFalse();
    assertThat(Glob.simple("**a".repeat(100) + "b").matches("a".repeat(20_000))).isFalse();
  }

  @Test
  void refusesWhatWouldExpandWithoutBound() {
    assertThatThrownBy(() -> Glob.path("{a,b}".repeat(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 256 alternatives");
    assertThatThrownBy(() -> Glob.path("{a,{b}}")).hasMessageContaining("nests");
    assertThatThrownBy(() -> Glob.path("{a,b")).hasMessageContaining("open");
    assertThatThrownBy(() -> Glob.simple("*".repeat(Glob.MAX_PATTERN_LENGTH + 1)))
        .hasMessageContaining("longer than 4096");
  }

  /** Every string over the alphabet and '/', up to the length, that names a path as written. */
  private static List<String> values(char[] alphabet, int maxLength) {
    List<String> all = new ArrayList<>();
    List<String> level = List.of("");
    char[] withSlash = new char[alphabet.length + 1];
    System.arraycopy(alphabet, 0, withSlash, 0, alphabet.length);
    withSlash[alphabet.length] = '/';
    for (int length = 1; length <= maxLength; length++) {
      List<String> nextLevel = new ArrayList<>();
      for (String prefix : level) {
        for (char c : withSlash) {
          nextLevel.add(prefix + c);
        }
      }
      level = nextLevel;
      for (String value : level) {
        if (!value.startsWith("/") && !value.endsWith("/") && !value.contains("//")) {
          all.add(value);
        }
      }
    }
    return all;
  }
}
