package dev.portcullis.glob;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Globs from users compile or are refused with {@link IllegalArgumentException}, and match without
 * any other failure. A simple glob also agrees with a memoised recursive reference matcher.
 *
 * <p>Input: three lines, the dialect ({@code simple}, {@code dockerignore} or {@code path}), the
 * pattern, and the value.
 */
class GlobFuzzTest {

  private static final int MAX_INPUT = 512;

  /** Inputs short enough that the recursive reference stays within the stack. */
  private static final int MAX_REFERENCE = 64;

  @FuzzTest
  void compileAndMatch(byte[] input) {
    if (input.length > MAX_INPUT) {
      return;
    }
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    if (lines.length < 3) {
      return;
    }
    String dialect = lines[0];
    String pattern = lines[1];
    String value = lines[2];
    Glob glob;
    try {
      glob =
          switch (dialect) {
            case "dockerignore" -> Glob.dockerignore(pattern);
            case "path" -> Glob.path(pattern);
            default -> Glob.simple(pattern);
          };
    } catch (IllegalArgumentException refused) {
      return;
    }
    boolean matched = glob.matches(value);
    if (!dialect.equals("dockerignore")
        && !dialect.equals("path")
        && pattern.length() <= MAX_REFERENCE
        && value.length() <= MAX_REFERENCE) {
      assertThat(matched)
          .as("simple glob '%s' on '%s'", pattern, value)
          .isEqualTo(reference(pattern, value));
    }
  }

  /**
   * The simple dialect by its definition, memoised: {@code **} any run, {@code *} a run without
   * '/', {@code ?} one character but '/', anything else itself.
   */
  private static boolean reference(String glob, String value) {
    return reference(glob, 0, value, 0, new Boolean[glob.length() + 1][value.length() + 1]);
  }

  private static boolean reference(String glob, int g, String value, int v, Boolean[][] memo) {
    if (memo[g][v] != null) {
      return memo[g][v];
    }
    boolean result;
    if (g == glob.length()) {
      result = v == value.length();
    } else if (glob.startsWith("**", g)) {
      result =
          reference(glob, g + 2, value, v, memo)
              || (v < value.length() && reference(glob, g, value, v + 1, memo));
    } else if (glob.charAt(g) == '*') {
      result =
          reference(glob, g + 1, value, v, memo)
              || (v < value.length()
                  && value.charAt(v) != '/'
                  && reference(glob, g, value, v + 1, memo));
    } else if (glob.charAt(g) == '?') {
      result =
          v < value.length()
              && value.charAt(v) != '/'
              && reference(glob, g + 1, value, v + 1, memo);
    } else {
      result =
          v < value.length()
              && value.charAt(v) == glob.charAt(g)
              && reference(glob, g + 1, value, v + 1, memo);
    }
    memo[g][v] = result;
    return result;
  }
}
