package dev.portcullis.glob;

import java.util.List;
import java.util.Objects;

/**
 * A compiled glob, matched in time linear in the value times the pattern: the matcher follows every
 * way the pattern could be consumed at once (a set of positions), so no pattern can make it
 * backtrack exponentially, as a glob translated to {@code java.util.regex} can. Globs come from
 * users (policy files, .dockerignore, watched tags), so their matching must be bounded.
 *
 * <p>The dialects differ in what they accept, not in how they match; {@link GlobSyntax} parses
 * each.
 */
public final class Glob {

  /** The longest pattern accepted: far beyond any real glob, short enough to bound the work. */
  public static final int MAX_PATTERN_LENGTH = 4096;

  private final String pattern;
  private final List<GlobToken[]> alternatives;

  Glob(String pattern, List<GlobToken[]> alternatives) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.alternatives = List.copyOf(alternatives);
  }

  /** Go's filepath.Match plus {@code **}, as BuildKit reads .dockerignore. */
  public static Glob dockerignore(String pattern) {
    return GlobSyntax.DOCKERIGNORE.compile(pattern);
  }

  /** The JDK's {@code glob:} path syntax: {@code * ** ? [a-z] [!a] {a,b} \x}. */
  public static Glob path(String pattern) {
    return GlobSyntax.PATH.compile(pattern);
  }

  /**
   * {@code *} within a segment, {@code **} across, {@code ?} one character; the rest is literal.
   */
  public static Glob simple(String pattern) {
    return GlobSyntax.SIMPLE.compile(pattern);
  }

  /** Whether the whole value matches. */
  public boolean matches(CharSequence value) {
    for (GlobToken[] tokens : alternatives) {
      if (matches(tokens, value)) {
        return true;
      }
    }
    return false;
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return pattern;
  }

  /**
   * Runs the pattern as a nondeterministic automaton. Position {@code i} means "tokens before i are
   * consumed"; {@code inside[i]} marks a {@link GlobToken.Directories} part-way through a directory
   * name, which may only be left after its '/'.
   */
  private static boolean matches(GlobToken[] tokens, CharSequence value) {
    int n = tokens.length;
    boolean[] current = new boolean[n + 1];
    boolean[] inside = new boolean[n + 1];
    boolean[] next = new boolean[n + 1];
    boolean[] nextInside = new boolean[n + 1];
    current[0] = true;
    close(tokens, current, inside);
    for (int at = 0; at < value.length(); at++) {
      char c = value.charAt(at);
      java.util.Arrays.fill(next, false);
      java.util.Arrays.fill(nextInside, false);
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (!current[i] && !inside[i]) {
          continue;
        }
        GlobToken token = tokens[i];
        if (token instanceof GlobToken.Directories) {
          if (c == '/') {
            next[i] = true;
          } else {
            nextInside[i] = true;
          }
          any = true;
        } else if (token instanceof GlobToken.Star) {
          if (token.accepts(c)) {
            next[i] = true;
            any = true;
          }
        } else if (current[i] && token.accepts(c)) {
          next[i + 1] = true;
          any = true;
        }
      }
      if (!any) {
        return false;
      }
      boolean[] swap = current;
      current = next;
      next = swap;
      swap = inside;
      inside = nextInside;
      nextInside = swap;
      close(tokens, current, inside);
    }
    return current[n];
  }

  /** Follows the empty moves: a star or a run of directories may match nothing. */
  private static void close(GlobToken[] tokens, boolean[] current, boolean[] inside) {
    for (int i = 0; i < tokens.length; i++) {
      if (current[i]
          && (tokens[i] instanceof GlobToken.Star || tokens[i] instanceof GlobToken.Directories)) {
        current[i + 1] = true;
      }
    }
  }
}
