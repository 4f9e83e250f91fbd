package dev.portcullis.analyzer.golang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directives of a go.mod file that say which modules a build uses: {@code module}, {@code go},
 * {@code require} and {@code replace}, single or in a parenthesised block, with {@code //} comments
 * and quoted paths, in the grammar golang.org/x/mod/modfile reads. A line it cannot read is named
 * in {@link #problems} and passed over.
 */
record GoModFile(
    String module,
    String goVersion,
    List<Requirement> requirements,
    List<Replacement> replacements,
    List<String> problems) {

  /** A required module; {@code indirect} when go.mod marks it {@code // indirect}. */
  record Requirement(String path, String version, boolean indirect) {}

  /** {@code old [oldVersion] => new [newVersion]}; a new path without version is a directory. */
  record Replacement(String oldPath, String oldVersion, String newPath, String newVersion) {}

  static GoModFile parse(String text) {
    Parser parser = new Parser();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      parser.line(i + 1, lines[i]);
    }
    if (parser.block != null) {
      parser.problems.add(
          "the " + parser.block + " block opened on line " + parser.blockLine + " is never closed");
    }
    return new GoModFile(
        parser.module,
        parser.goVersion,
        List.copyOf(parser.requirements),
        List.copyOf(parser.replacements),
        List.copyOf(parser.problems));
  }

  /**
   * The modules the build uses, after replacement as Trivy applies it: a replacement applies to a
   * required module (and, if it names an old version, only to that version); one by a local
   * directory removes the module, since the directory is part of the build, not a module release.
   */
  List<Requirement> effectiveRequirements() {
    Map<String, Requirement> byPath = new LinkedHashMap<>();
    for (Requirement requirement : requirements) {
      byPath.put(requirement.path(), requirement);
    }
    for (Replacement replacement : replacements) {
      Requirement old = byPath.get(replacement.oldPath());
      if (old == null
          || (!replacement.oldVersion().isEmpty()
              && !replacement.oldVersion().equals(old.version()))) {
        continue;
      }
      Map<String, Requirement> replaced = new LinkedHashMap<>();
      for (Map.Entry<String, Requirement> entry : byPath.entrySet()) {
        if (!entry.getKey().equals(replacement.oldPath())) {
          replaced.put(entry.getKey(), entry.getValue());
        } else if (!replacement.newVersion().isEmpty()) {
          replaced.put(
              replacement.newPath(),
              new Requirement(replacement.newPath(), replacement.newVersion(), old.indirect()));
        }
      }
      byPath = replaced;
    }
    return List.copyOf(byPath.values());
  }

  /** Line-by-line state: the block a line is in. */
  private static final class Parser {
    String module = "";
    String goVersion = "";
    final List<Requirement> requirements = new ArrayList<>();
    final List<Replacement> replacements = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    String block;
    int blockLine;

    void line(int number, String line) {
      List<String> tokens = new ArrayList<>();
      String comment = tokenize(line, tokens);
      if (comment == null) {
        problems.add("line " + number + ": unterminated quoted string; the line was skipped");
        return;
      }
      if (tokens.isEmpty()) {
        return;
      }
      if (block != null) {
        if (tokens.size() == 1 && tokens.get(0).equals(")")) {
          block = null;
        } else {
          directive(number, block, tokens, comment);
        }
        return;
      }
      if (tokens.size() == 2 && tokens.get(1).equals("(")) {
        block = tokens.get(0);
        blockLine = number;
        return;
      }
      if (tokens.size() == 3 && tokens.get(1).equals("(") && tokens.get(2).equals(")")) {
        return;
      }
      directive(number, tokens.get(0), tokens.subList(1, tokens.size()), comment);
    }

    private void directive(int number, String verb, List<String> args, String comment) {
      switch (verb) {
        case "module" -> {
          if (args.size() == 1) {
            module = args.get(0);
          }
        }
        case "go" -> {
          if (args.size() == 1) {
            goVersion = args.get(0);
          }
        }
        case "require" -> {
          if (args.size() != 2) {
            problems.add(
                "line " + number + ": a require needs a module path and a version; skipped");
            return;
          }
          requirements.add(new Requirement(args.get(0), args.get(1), isIndirect(comment)));
        }
        case "replace" -> replace(number, args);
        default -> {
          // exclude, retract, toolchain, godebug, tool, ignore: nothing about what is built.
        }
      }
    }

    private void replace(int number, List<String> args) {
      int arrow = args.indexOf("=>");
      int after = args.size() - arrow - 1;
      if ((arrow != 1 && arrow != 2) || (after != 1 && after != 2)) {
        problems.add(
            "line "
                + number
                + ": a replace needs the form \"old [version] => new [version]\"; skipped");
        return;
      }
      replacements.add(
          new Replacement(
              args.get(0),
              arrow == 2 ? args.get(1) : "",
              args.get(arrow + 1),
              after == 2 ? args.get(arrow + 2) : ""));
    }

    /** modfile's rule: the line's comment is "indirect", or starts with "indirect;". */
    private static boolean isIndirect(String comment) {
      String text = comment.strip();
      return text.equals("indirect") || text.startsWith("indirect;");
    }

    /**
     * Splits a line into tokens (words, quoted strings unquoted, "(", ")", "=>") and returns the
     * text of its {@code //} comment, "" if none, or null if a quote is left open.
     */
    private static String tokenize(String line, List<String> tokens) {
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (line.startsWith("//", i)) {
          return line.substring(i + 2);
        } else if (c == '(' || c == ')') {
          tokens.add(String.valueOf(c));
          i++;
        } else if (c == '"' || c == '`') {
          int end = BuildSetting.quotedEnd(line.substring(i));
          if (end < 0) {
            return null;
          }
          String value = BuildSetting.unquote(line.substring(i, i + end));
          if (value == null) {
            return null;
          }
          tokens.add(value);
          i += end;
        } else {
          int start = i;
          while (i < line.length()
              && !Character.isWhitespace(line.charAt(i))
              && !line.startsWith("//", i)
              && line.charAt(i) != '('
              && line.charAt(i) != ')'
              && line.charAt(i) != '"'
              && line.charAt(i) != '`') {
            i++;
          }
          tokens.add(line.substring(start, i));
        }
      }
      return "";
    }
  }
}
