package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.Set;

/**
 * One simple command of a RUN's shell script, quotes removed: {@code apt-get install -y curl}.
 *
 * @param words every word as the shell would pass it, leading variable assignments and wrappers
 *     ({@code sudo}, {@code env}) included
 * @param pipeline the index of the pipeline (commands joined by {@code |}) it belongs to
 * @param pipedFrom whether a command before it in the pipeline feeds its standard input
 * @param subshell whether it runs in a {@code ( … )} subshell, whose {@code cd} ends with it
 */
public record Command(List<String> words, int pipeline, boolean pipedFrom, boolean subshell) {

  private static final Set<String> WRAPPERS =
      Set.of("sudo", "env", "exec", "command", "nohup", "time", "nice", "builtin", "doas");

  public Command {
    words = List.copyOf(words);
  }

  /** The index of the program word: after {@code NAME=value} assignments and wrappers. */
  private int programIndex() {
    int i = 0;
    while (i < words.size()) {
      String word = words.get(i);
      if (isAssignment(word)) {
        i++;
      } else if (WRAPPERS.contains(basename(word))) {
        i++;
        // Wrapper options, and the values of sudo's -u/-g and nice's -n.
        while (i < words.size() && (words.get(i).startsWith("-") || isAssignment(words.get(i)))) {
          String option = words.get(i);
          i++;
          if ((option.equals("-u") || option.equals("-g") || option.equals("-n"))
              && i < words.size()) {
            i++;
          }
        }
      } else {
        return i;
      }
    }
    return words.size();
  }

  /** The program run, as a file name ({@code /usr/bin/apt-get} is {@code apt-get}), or "". */
  public String program() {
    int i = programIndex();
    return i < words.size() ? basename(words.get(i)) : "";
  }

  /** The words after the program. */
  public List<String> arguments() {
    int i = programIndex();
    return i < words.size() ? words.subList(i + 1, words.size()) : List.of();
  }

  public boolean runs(String name) {
    return program().equals(name);
  }

  /** Whether any word is exactly {@code word}. */
  public boolean has(String word) {
    return arguments().contains(word);
  }

  /** The first argument that is not an option, or "" ({@code apt-get -y install x}: install). */
  public String subcommand() {
    for (String argument : arguments()) {
      if (!argument.startsWith("-")) {
        return argument;
      }
    }
    return "";
  }

  /** Whether a wrapper in front of the program is {@code sudo}. */
  public boolean usesSudo() {
    int end = programIndex();
    for (int i = 0; i < end; i++) {
      if (basename(words.get(i)).equals("sudo")) {
        return true;
      }
    }
    return end < words.size() && basename(words.get(end)).equals("sudo");
  }

  static boolean isAssignment(String word) {
    int equals = word.indexOf('=');
    if (equals <= 0) {
      return false;
    }
    for (int i = 0; i < equals; i++) {
      char c = word.charAt(i);
      boolean ok = c == '_' || Character.isLetter(c) || (i > 0 && Character.isDigit(c));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String basename(String word) {
    int slash = word.lastIndexOf('/');
    return slash >= 0 ? word.substring(slash + 1) : word;
  }

  @Override
  public String toString() {
    return String.join(" ", words);
  }
}
