package dev.portcullis.glob;

import java.util.ArrayList;
import java.util.List;

/** The glob dialects users write, each parsed into the tokens one matcher runs. */
enum GlobSyntax {
  /** {@code *}, {@code **}, {@code ?}; everything else literal (policy image patterns, tags). */
  SIMPLE(false, false, false),
  /**
   * Go's filepath.Match with {@code **} and {@code **}{@code /}, as BuildKit reads .dockerignore.
   */
  DOCKERIGNORE(true, true, false),
  /** The JDK's {@code glob:} syntax, groups {@code {a,b}} included. */
  PATH(true, false, true);

  /** The most alternatives groups may expand to. */
  static final int MAX_ALTERNATIVES = 256;

  private final boolean classesAndEscapes;
  private final boolean optionalDirectories;
  private final boolean groups;

  GlobSyntax(boolean classesAndEscapes, boolean optionalDirectories, boolean groups) {
    this.classesAndEscapes = classesAndEscapes;
    this.optionalDirectories = optionalDirectories;
    this.groups = groups;
  }

  /**
   * @throws IllegalArgumentException when the pattern is too long, nests or leaves open a group, or
   *     expands to too many alternatives
   */
  Glob compile(String pattern) {
    if (pattern.length() > Glob.MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException(
          "a glob longer than " + Glob.MAX_PATTERN_LENGTH + " characters is refused");
    }
    List<GlobToken[]> alternatives = new ArrayList<>();
    for (String expanded : groups ? expandGroups(pattern) : List.of(pattern)) {
      alternatives.add(tokens(expanded));
    }
    return new Glob(pattern, alternatives);
  }

  private GlobToken[] tokens(String glob) {
    List<GlobToken> tokens = new ArrayList<>();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (optionalDirectories && glob.startsWith("**/", i)) {
        tokens.add(new GlobToken.Directories());
        i += 2;
      } else if (glob.startsWith("**", i)) {
        tokens.add(new GlobToken.Star(true));
        i++;
      } else if (c == '*') {
        tokens.add(new GlobToken.Star(false));
      } else if (c == '?') {
        tokens.add(new GlobToken.AnyCharacter());
      } else if (classesAndEscapes && c == '\\' && i + 1 < glob.length()) {
        tokens.add(new GlobToken.Literal(glob.charAt(++i)));
      } else if (classesAndEscapes && c == '[' && classEnd(glob, i) > 0) {
        int end = classEnd(glob, i);
        tokens.add(characterClass(glob.substring(i + 1, end)));
        i = end;
      } else {
        tokens.add(new GlobToken.Literal(c));
      }
    }
    return tokens.toArray(GlobToken[]::new);
  }

  /** The index of the ']' closing the class opened at {@code open}, or -1. */
  private static int classEnd(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++; // a ']' first in the class is a member
    }
    for (; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private GlobToken characterClass(String body) {
    boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
    if (this == PATH && body.startsWith("^")) {
      negated = false; // the JDK negates with '!' only
    }
    String members = negated ? body.substring(1) : body;
    List<Character> bounds = new ArrayList<>();
    for (int i = 0; i < members.length(); i++) {
      char from = members.charAt(i);
      if (from == '\\' && i + 1 < members.length()) {
        from = members.charAt(++i);
      }
      char to = from;
      if (i + 2 < members.length() && members.charAt(i + 1) == '-') {
        to = members.charAt(i + 2);
        i += 2;
        if (to == '\\' && i + 1 < members.length()) {
          to = members.charAt(++i);
        }
      }
      bounds.add(from);
      bounds.add(to);
    }
    char[] ranges = new char[bounds.size()];
    for (int i = 0; i < ranges.length; i++) {
      ranges[i] = bounds.get(i);
    }
    return new GlobToken.CharacterClass(ranges, negated);
  }

  /** {@code a{b,c}d{e,f}} → abde, abdf, acde, acdf; groups do not nest, as in the JDK. */
  private static List<String> expandGroups(String pattern) {
    List<String> done = new ArrayList<>();
    List<String> prefixes = List.of("");
    int i = 0;
    StringBuilder literal = new StringBuilder();
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(c).append(pattern.charAt(i + 1));
        i += 2;
      } else if (c == '{') {
        int close = groupEnd(pattern, i);
        List<String> choices = splitChoices(pattern.substring(i + 1, close));
        List<String> grown = new ArrayList<>();
        for (String prefix : prefixes) {
          for (String choice : choices) {
            grown.add(prefix + literal + choice);
            if (grown.size() > MAX_ALTERNATIVES) {
              throw new IllegalArgumentException(
                  "the glob's {…} groups expand to more than "
                      + MAX_ALTERNATIVES
                      + " alternatives: "
                      + pattern);
            }
          }
        }
        prefixes = grown;
        literal.setLength(0);
        i = close + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException("the glob closes a group it never opened: " + pattern);
      } else {
        literal.append(c);
        i++;
      }
    }
    for (String prefix : prefixes) {
      done.add(prefix + literal);
    }
    return done;
  }

  private static int groupEnd(String pattern, int open) {
    for (int i = open + 1; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        throw new IllegalArgumentException("the glob nests {…} groups: " + pattern);
      } else if (c == '}') {
        return i;
      }
    }
    throw new IllegalArgumentException("the glob leaves a {…} group open: " + pattern);
  }

  private static List<String> splitChoices(String body) {
    List<String> choices = new ArrayList<>();
    StringBuilder choice = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        choice.append(c).append(body.charAt(++i));
      } else if (c == ',') {
        choices.add(choice.toString());
        choice.setLength(0);
      } else {
        choice.append(c);
      }
    }
    choices.add(choice.toString());
    return choices;
  }
}
