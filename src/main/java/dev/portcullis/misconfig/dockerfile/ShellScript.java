package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a RUN's shell script into simple commands: words with quotes removed, separated by {@code
 * &&}, {@code ||}, {@code ;}, {@code &}, newlines and pipes; redirections and comments dropped;
 * {@code $(...)} and backquotes kept inside their word. Not a shell: no expansion, no control-flow
 * structure beyond dropping the reserved words in front of a command.
 */
public final class ShellScript {

  private static final Set<String> RESERVED =
      Set.of(
          "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac",
          "in");

  private final String text;
  private final List<Command> commands = new ArrayList<>();
  private final List<String> words = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;
  private int pipeline;
  private boolean pipedFrom;
  private int subshells;
  private int pos;

  private ShellScript(String text) {
    this.text = text;
  }

  /** The simple commands of {@code script}, in order. */
  public static List<Command> parse(String script) {
    ShellScript parser = new ShellScript(script);
    parser.run();
    return List.copyOf(parser.commands);
  }

  private void run() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      switch (c) {
        case '\\' -> escaped();
        case '\'' -> singleQuoted();
        case '"' -> doubleQuoted();
        case '`' -> appendUntil('`');
        case '$' -> dollar();
        case ' ', '\t', '\r' -> {
          endWord();
          pos++;
        }
        case '\n', ';' -> {
          endCommand(false);
          pos++;
        }
        case '&' -> ampersand();
        case '|' -> bar();
        case '(' -> {
          if (inWord) {
            append(c);
          } else {
            endCommand(false);
            subshells++;
          }
          pos++;
        }
        case ')' -> {
          // A metacharacter: it ends the word and the command before it.
          endCommand(false);
          subshells = Math.max(0, subshells - 1);
          pos++;
        }
        case '<', '>' -> redirection();
        case '#' -> {
          if (inWord) {
            append(c);
            pos++;
          } else {
            skipToEndOfLine();
          }
        }
        default -> {
          append(c);
          pos++;
        }
      }
    }
    endCommand(false);
  }

  private void append(char c) {
    word.append(c);
    inWord = true;
  }

  private void escaped() {
    if (pos + 1 < text.length()) {
      char next = text.charAt(pos + 1);
      if (next != '\n') {
        append(next);
      }
      pos += 2;
    } else {
      pos++;
    }
  }

  private void singleQuoted() {
    inWord = true;
    int close = text.indexOf('\'', pos + 1);
    int end = close < 0 ? text.length() : close;
    word.append(text, pos + 1, end);
    pos = end + 1;
  }

  private void doubleQuoted() {
    inWord = true;
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\' && pos + 1 < text.length()) {
        char next = text.charAt(pos + 1);
        if (next == '"' || next == '\\' || next == '$' || next == '`') {
          word.append(next);
        } else if (next != '\n') {
          word.append(c).append(next);
        }
        pos += 2;
      } else if (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '(') {
        appendBalanced();
      } else {
        word.append(c);
        pos++;
      }
    }
  }

  private void dollar() {
    if (pos + 1 < text.length() && text.charAt(pos + 1) == '(') {
      appendBalanced();
    } else if (pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
      int close = text.indexOf('}', pos);
      int end = close < 0 ? text.length() : close + 1;
      word.append(text, pos, end);
      inWord = true;
      pos = end;
    } else {
      append('$');
      pos++;
    }
  }

  /** Appends {@code $(...)} or {@code <(...)} whole, nested parentheses and quotes included. */
  private void appendBalanced() {
    inWord = true;
    int depth = 0;
    char quote = 0;
    int start = pos;
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        break;
      }
    }
    word.append(text, start, pos);
  }

  private void appendUntil(char close) {
    inWord = true;
    int end = text.indexOf(close, pos + 1);
    end = end < 0 ? text.length() : end + 1;
    word.append(text, pos, end);
    pos = end;
  }

  private void ampersand() {
    if (text.startsWith("&&", pos)) {
      endCommand(false);
      pos += 2;
    } else if (text.startsWith("&>", pos)) {
      redirection();
    } else {
      endCommand(false);
      pos++;
    }
  }

  private void bar() {
    if (text.startsWith("||", pos)) {
      endCommand(false);
      pos += 2;
    } else {
      endCommand(true);
      pos += text.startsWith("|&", pos) ? 2 : 1;
    }
  }

  /** Drops a redirection with its target word; {@code <(...)} is a word, not a redirection. */
  private void redirection() {
    if (text.startsWith("<(", pos) || text.startsWith(">(", pos)) {
      appendBalanced();
      return;
    }
    if (inWord && isDigits(word)) {
      word.setLength(0);
      inWord = false;
    } else {
      endWord();
    }
    while (pos < text.length() && "<>&|-".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
    // The target: one word, quoted parts included.
    int saved = words.size();
    while (pos < text.length() && " \t\n;&|()<>".indexOf(text.charAt(pos)) < 0) {
      char c = text.charAt(pos);
      if (c == '\'') {
        singleQuoted();
      } else if (c == '"') {
        doubleQuoted();
      } else if (c == '$') {
        dollar();
      } else {
        pos++;
      }
    }
    word.setLength(0);
    inWord = false;
    while (words.size() > saved) {
      words.remove(words.size() - 1);
    }
  }

  private static boolean isDigits(CharSequence text) {
    if (text.length() == 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void skipToEndOfLine() {
    int newline = text.indexOf('\n', pos);
    pos = newline < 0 ? text.length() : newline;
  }

  private void endWord() {
    if (inWord) {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
  }

  /** Ends the current command; {@code pipe}: the next one reads its output. */
  private void endCommand(boolean pipe) {
    endWord();
    int first = 0;
    while (first < words.size() && RESERVED.contains(words.get(first))) {
      first++;
    }
    if (first < words.size()) {
      commands.add(
          new Command(words.subList(first, words.size()), pipeline, pipedFrom, subshells > 0));
      pipedFrom = pipe;
    } else if (!pipe) {
      pipedFrom = false;
    }
    words.clear();
    if (!pipe) {
      pipeline++;
    }
  }
}
