package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON (exec) form of an instruction: an array of strings. Anything else is not JSON form, and
 * the builder then runs the text as a shell command, as this parser reports it.
 */
final class JsonForm {

  private final String text;
  private int pos;

  private JsonForm(String text) {
    this.text = text;
  }

  /** The strings of a JSON array of strings, or null when {@code text} is not one. */
  static List<String> parse(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
      return null;
    }
    return new JsonForm(trimmed).array();
  }

  private List<String> array() {
    pos = 1;
    List<String> values = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return pos == text.length() ? values : null;
    }
    while (pos < text.length()) {
      skipSpace();
      String value = string();
      if (value == null) {
        return null;
      }
      values.add(value);
      skipSpace();
      char c = peek();
      pos++;
      if (c == ']') {
        return pos == text.length() ? values : null;
      }
      if (c != ',') {
        return null;
      }
    }
    return null;
  }

  private String string() {
    if (peek() != '"') {
      return null;
    }
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        return null;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            return null;
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            return null;
          }
          pos += 4;
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
