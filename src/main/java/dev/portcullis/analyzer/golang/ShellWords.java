package dev.portcullis.analyzer.golang;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words as a POSIX shell would, without expanding anything. */
final class ShellWords {

  private ShellWords() {}

  /**
   * The words, up to the first unquoted {@code ; & | < >}; null if a quote is left open. Backslash
   * escapes the next character outside single quotes.
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && !single) {
        if (++i < line.length()) {
          word.append(line.charAt(i));
        }
        inWord = true;
      } else if (c == '\'' && !dbl) {
        single = !single;
        inWord = true;
      } else if (c == '"' && !single) {
        dbl = !dbl;
        inWord = true;
      } else if (single || dbl) {
        word.append(c);
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (";&|<>".indexOf(c) >= 0) {
        break;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (single || dbl) {
      return null;
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
