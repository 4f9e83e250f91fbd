package dev.portcullis.glob;

/** One element of a compiled glob; every element but a literal is a choice the matcher tracks. */
sealed interface GlobToken {

  /** Whether the token consumes this character (for the one-character tokens). */
  boolean accepts(char c);

  /** One exact character. */
  record Literal(char value) implements GlobToken {
    @Override
    public boolean accepts(char c) {
      return c == value;
    }
  }

  /** {@code ?}: one character, never the separator. */
  record AnyCharacter() implements GlobToken {
    @Override
    public boolean accepts(char c) {
      return c != '/';
    }
  }

  /**
   * {@code [...]}: one character in (or, negated, not in) the ranges, never the separator.
   *
   * @param ranges pairs of inclusive bounds: {@code [from0, to0, from1, to1, …]}
   */
  record CharacterClass(char[] ranges, boolean negated) implements GlobToken {
    @Override
    public boolean accepts(char c) {
      if (c == '/') {
        return false;
      }
      boolean inside = false;
      for (int i = 0; i < ranges.length; i += 2) {
        if (c >= ranges[i] && c <= ranges[i + 1]) {
          inside = true;
          break;
        }
      }
      return inside != negated;
    }
  }

  /** {@code *} (within one path segment) or {@code **} (across segments): any run, maybe empty. */
  record Star(boolean crossesSegments) implements GlobToken {
    @Override
    public boolean accepts(char c) {
      return crossesSegments || c != '/';
    }
  }

  /** {@code **}{@code /} of .dockerignore: zero or more whole directories, each ending in '/'. */
  record Directories() implements GlobToken {
    @Override
    public boolean accepts(char c) {
      return true;
    }
  }
}
