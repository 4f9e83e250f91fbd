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

  /**
   * The substituted text and the variables that had no value.
   *
   * @param limited whether the expansion would have passed a limit of the {@link Budget}: the text
   *     is then left as written
   */
  record Result(String text, List<String> unresolved, boolean limited) {
    boolean resolved() {
      return unresolved.isEmpty();
    }
  }

  /** The longest value one expansion may produce. */
  static final int MAX_VALUE_CHARS = 1 << 20;

  /** The most characters all expansions of one Dockerfile may produce together. */
  static final long MAX_TOTAL_CHARS = 16L << 20;

  /**
   * What one Dockerfile's expansions have produced so far. Values built from each other double with
   * every ARG or ENV; without this bound thirty lines would fill any heap.
   */
  static final class Budget {
    private long produced;
  }

  /** Thrown inside an expansion that would pass a limit; the expansion is abandoned. */
  private static final class LimitReached extends RuntimeException {
    LimitReached() {
      super(null, null, false, false);
    }
  }

  /** Deeper {@code ${a:-${b:-…}}} nesting is left as written. */
  private static final int MAX_DEPTH = 32;

  private final Map<String, String> variables;
  private final char escape;
  private final Budget budget;
  private int depth;
  private final List<String> unresolved = new ArrayList<>();

  private Substitution(Map<String, String> variables, char escape, Budget budget) {
    this.variables = variables;
    this.escape = escape;
    this.budget = budget;
  }

  /**
   * @param variables values by name; a name mapped to null is declared without a value (unset)
   * @param budget the Dockerfile's budget, charged with what this expansion produces
   */
  static Result expand(String text, Map<String, String> variables, char escape, Budget budget) {
    if (text.indexOf('$') < 0) {
      return new Result(text, List.of(), false);
    }
    Substitution substitution = new Substitution(variables, escape, budget);
    String expanded;
    try {
      expanded = substitution.word(text);
    } catch (LimitReached e) {
      return new Result(text, List.of(), true);
    }
    if (budget.produced + expanded.length() > MAX_TOTAL_CHARS) {
      return new Result(text, List.of(), true);
    }
    budget.produced += expanded.length();
    return new Result(expanded, List.copyOf(substitution.unresolved), false);
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
          append(out, braced(text.substring(i + 2, close)));
          depth--;
        }
        i = close + 1;
      } else if (isNameStart(next)) {
        int end = i + 1;
        while (end < text.length() && isNamePart(text.charAt(end))) {
          end++;
        }
        append(out, value(text.substring(i + 1, end)));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String value) {
    if ((long) out.length() + value.length() > MAX_VALUE_CHARS) {
      throw new LimitReached();
    }
    out.append(value);
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
    // "${NAME:}" has a colon and no operator: nothing follows it.
    String argument = rest.substring(Math.min(rest.length(), colon ? 2 : 1));
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
