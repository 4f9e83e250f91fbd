package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Build-variable substitution as the builder does it: {@code $NAME}, {@code ${NAME}}, {@code
 * ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:+alt}}, {@code ${NAME+alt}}, none
 * inside single quotes, and none after the escape character. A variable that is unset and has no
 * default expands to nothing and is named in {@link Result#unresolved()}.
 */
final class Substitution {

  /** The substituted text and the variables that had no value. */
  record Result(String text, List<String> unresolved) {
    boolean resolved() {
      return unresolved.isEmpty();
    }
  }

  /** Deeper {@code ${a:-${b:-…}}} nesting is left as written. */
  private static final int MAX_DEPTH = 32;

  private final Map<String, String> variables;
  private final char escape;
  private int depth;
  private final List<String> unresolved = new ArrayList<>();

  private Substitution(Map<String, String> variables, char escape) {
    this.variables = variables;
    this.escape = escape;
  }

  /**
   * @param variables values by name; a name mapped to null is declared without a value (unset)
   */
  static Result expand(String text, Map<String, String> variables, char escape) {
    if (text.indexOf('$') < 0) {
      return new Result(text, List.of());
    }
    Substitution substitution = new Substitution(variables, escape);
    String expanded = substitution.word(text);
    return new Result(expanded, List.copyOf(substitution.unresolved));
  }

  private String word(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean single = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == escape && i + 1 < text.length() && !single) {
        char next = text.charAt(i + 1);
        // An escaped dollar stays literal and loses its escape; other escapes are kept as written.
        if (next == '$') {
          out.append('$');
        } else {
          out.append(c).append(next);
        }
        i += 2;
        continue;
      }
      if (c == '\'') {
        single = !single;
        out.append(c);
        i++;
        continue;
      }
      if (c != '$' || single || i + 1 >= text.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '{') {
        int close = matchingBrace(text, i + 2);
        if (close < 0) {
          out.append(text, i, text.length());
          break;
        }
        if (depth >= MAX_DEPTH) {
          out.append(text, i, close + 1);
        } else {
          depth++;
          out.append(braced(text.substring(i + 2, close)));
          depth--;
        }
        i = close + 1;
      } else if (isNameStart(next)) {
        int end = i + 1;
        while (end < text.length() && isNamePart(text.charAt(end))) {
          end++;
        }
        out.append(value(text.substring(i + 1, end)));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String braced(String inside) {
    int end = 0;
    while (end < inside.length() && isNamePart(inside.charAt(end))) {
      end++;
    }
    String name = inside.substring(0, end);
    String rest = inside.substring(end);
    if (rest.isEmpty()) {
      return value(name);
    }
    boolean colon = rest.startsWith(":");
    String operator = colon ? rest.substring(1, Math.min(2, rest.length())) : rest.substring(0, 1);
    String argument = rest.substring(colon ? 2 : 1);
    String current = variables.get(name);
    boolean set = current != null;
    boolean nonEmpty = set && !current.isEmpty();
    boolean present = colon ? nonEmpty : set;
    return switch (operator) {
      case "-" -> present ? current : word(argument);
      case "+" -> present ? word(argument) : "";
      case "?" -> present ? current : value(name);
      default -> value(name);
    };
  }

  private String value(String name) {
    String value = variables.get(name);
    if (value == null) {
      if (!unresolved.contains(name)) {
        unresolved.add(name);
      }
      return "";
    }
    return value;
  }

  private static int matchingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
