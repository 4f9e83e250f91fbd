package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits instruction arguments into words as the builder does for COPY, EXPOSE, ENV and the like:
 * whitespace separates, quotes group and are removed, the escape character takes the next character
 * literally (not inside single quotes).
 */
final class Words {

  private Words() {}

  static List<String> split(String text, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == escape && quote != '\'' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        // Inside double quotes only the quote and the escape itself are escapable.
        if (quote == '"' && next != '"' && next != escape && next != '$') {
          word.append(c);
        }
        word.append(next);
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** A {@code key=value} pair of ENV, ARG or LABEL; {@code value} is null for {@code ARG name}. */
  record KeyValue(String key, String value) {}

  /**
   * ENV and LABEL pairs: {@code k=v k2="v 2"}, or the older {@code key the rest of the line}.
   *
   * @param valueOptional true for ARG, where {@code ARG name} declares without a value
   */
  static List<KeyValue> pairs(String text, char escape, boolean valueOptional) {
    List<String> words = split(text, escape);
    List<KeyValue> pairs = new ArrayList<>();
    if (words.isEmpty()) {
      return pairs;
    }
    if (!valueOptional && words.get(0).indexOf('=') < 0) {
      String key = words.get(0);
      String rest = text.strip().substring(firstWordLength(text.strip())).strip();
      pairs.add(new KeyValue(key, String.join(" ", split(rest, escape))));
      return pairs;
    }
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals < 0) {
        pairs.add(new KeyValue(word, null));
      } else {
        pairs.add(new KeyValue(word.substring(0, equals), word.substring(equals + 1)));
      }
    }
    return pairs;
  }

  private static int firstWordLength(String text) {
    int i = 0;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
