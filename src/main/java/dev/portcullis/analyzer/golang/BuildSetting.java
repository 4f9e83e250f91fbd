package dev.portcullis.analyzer.golang;

/**
 * One {@code build KEY=VALUE} line of Go build information. Keys and values that hold spaces,
 * quotes or "=" are written as Go string literals ({@code -ldflags="-s -w"}), as strconv.Quote
 * writes them.
 */
final class BuildSetting {

  private BuildSetting() {}

  /** The value of the setting if its key is {@code wanted}; null otherwise or if malformed. */
  static String value(String setting, String wanted) {
    if (setting.isEmpty() || setting.charAt(0) == '=') {
      return null;
    }
    String key;
    String rawValue;
    char first = setting.charAt(0);
    if (first == '"' || first == '`') {
      int end = quotedEnd(setting);
      if (end < 0 || end >= setting.length() || setting.charAt(end) != '=') {
        return null;
      }
      key = unquote(setting.substring(0, end));
      rawValue = setting.substring(end + 1);
    } else {
      int equals = setting.indexOf('=');
      if (equals < 0) {
        return null;
      }
      key = setting.substring(0, equals);
      rawValue = setting.substring(equals + 1);
    }
    if (key == null || !key.equals(wanted)) {
      return null;
    }
    if (!rawValue.isEmpty() && (rawValue.charAt(0) == '"' || rawValue.charAt(0) == '`')) {
      return quotedEnd(rawValue) == rawValue.length() ? unquote(rawValue) : null;
    }
    return rawValue;
  }

  /** The index just past the Go string literal the text starts with, or -1. */
  static int quotedEnd(String text) {
    char quote = text.charAt(0);
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        return i + 1;
      } else if (quote == '"' && c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  /** The value of a Go string literal ("…" with escapes, or `…` raw); null if it is not one. */
  static String unquote(String literal) {
    if (literal.length() < 2 || literal.charAt(literal.length() - 1) != literal.charAt(0)) {
      return null;
    }
    String body = literal.substring(1, literal.length() - 1);
    if (literal.charAt(0) == '`') {
      return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
    }
    if (literal.charAt(0) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '"') {
        return null;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= body.length()) {
        return null;
      }
      char e = body.charAt(i);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\', '"', '\'' -> out.append(e);
        case 'x', 'u', 'U' -> {
          int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          Integer value = hex(body, i + 1, digits);
          if (value == null) {
            return null;
          }
          out.appendCodePoint(value);
          i += digits;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 3 > body.length()) {
            return null;
          }
          try {
            out.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
          } catch (NumberFormatException ex) {
            return null;
          }
          i += 2;
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }

  private static Integer hex(String text, int from, int digits) {
    if (from + digits > text.length()) {
      return null;
    }
    try {
      int value = Integer.parseUnsignedInt(text.substring(from, from + digits), 16);
      return Character.isValidCodePoint(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
