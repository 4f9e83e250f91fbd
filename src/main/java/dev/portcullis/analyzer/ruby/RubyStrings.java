package dev.portcullis.analyzer.ruby;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of one line of Ruby as RubyGems writes gemspecs: {@code "rack".freeze},
 * {@code ["MIT".freeze, "Ruby".freeze]}, {@code Gem::Version.new("1.2")}, {@code %q{rack}}. Code is
 * never run; whatever is not a literal is passed over.
 */
final class RubyStrings {

  private RubyStrings() {}

  /** Every string literal in the text, in order. */
  static List<String> in(String text) {
    List<String> strings = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '#') {
        break; // a comment runs to the end of the line
      } else if (c == '"' || c == '\'') {
        i = quoted(text, i + 1, c, c == '"', strings);
      } else if (c == '%'
          && i + 2 < text.length()
          && (text.charAt(i + 1) == 'q' || text.charAt(i + 1) == 'Q')) {
        char open = text.charAt(i + 2);
        i = quoted(text, i + 3, closing(open), text.charAt(i + 1) == 'Q', strings);
      } else {
        i++;
      }
    }
    return strings;
  }

  /** The first string literal in the text, or null. */
  static String first(String text) {
    List<String> strings = in(text);
    return strings.isEmpty() ? null : strings.get(0);
  }

  private static char closing(char open) {
    return switch (open) {
      case '{' -> '}';
      case '(' -> ')';
      case '[' -> ']';
      case '<' -> '>';
      default -> open;
    };
  }

  /** Reads up to the closing delimiter; an unterminated literal is dropped. */
  private static int quoted(
      String text, int start, char close, boolean escapes, List<String> strings) {
    StringBuilder value = new StringBuilder();
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == close) {
        strings.add(value.toString());
        return i + 1;
      }
      if (c == '\\' && i + 1 < text.length()) {
        i = escape(text, i + 1, escapes, close, value);
        continue;
      }
      value.append(c);
      i++;
    }
    return i;
  }

  private static int escape(String text, int i, boolean full, char close, StringBuilder value) {
    char c = text.charAt(i);
    if (!full) {
      // Single quotes know only \\ and the escaped delimiter.
      if (c != '\\' && c != close) {
        value.append('\\');
      }
      value.append(c);
      return i + 1;
    }
    switch (c) {
      case 'n' -> value.append('\n');
      case 't' -> value.append('\t');
      case 'u' -> {
        if (i + 5 <= text.length() && isHex(text, i + 1, i + 5)) {
          value.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          return i + 5;
        }
        value.append('u');
      }
      default -> value.append(c);
    }
    return i + 1;
  }

  private static boolean isHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
