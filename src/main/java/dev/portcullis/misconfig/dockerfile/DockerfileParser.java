package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.files.UserFiles;
import dev.portcullis.image.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile as BuildKit does: parser directives ({@code # escape=}), comments, line
 * continuations, here-documents, JSON and shell forms, flags, ONBUILD triggers and build stages,
 * with the line of every instruction. What a builder would reject becomes a {@link ParseProblem};
 * only content that is not text at all is an {@link InputException}.
 */
public final class DockerfileParser {

  /** Larger files are refused: real Dockerfiles are a few kilobytes. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  static final Set<String> INSTRUCTIONS =
      Set.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");
  private static final Set<String> WITH_FLAGS = Set.of("FROM", "RUN", "COPY", "ADD", "HEALTHCHECK");
  private static final Set<String> WITH_JSON_FORM =
      Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME", "COPY", "ADD");
  private static final Set<String> WITH_HEREDOCS = Set.of("RUN", "COPY", "ADD");
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
  private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");

  /** Reads and parses a file; refuses files that are too large or binary. */
  public Dockerfile parse(Path file, String displayPath) throws IOException {
    return parse(displayPath, UserFiles.read(file, MAX_BYTES, "a Dockerfile"));
  }

  /** Parses content; binary content (a NUL byte) is refused with its line. */
  public Dockerfile parse(String displayPath, byte[] content) throws InputException {
    int line = 1;
    for (byte b : content) {
      if (b == 0) {
        throw new InputException(
            displayPath
                + ":"
                + line
                + ": binary content (a NUL byte), not a Dockerfile; name only Dockerfiles");
      }
      if (b == '\n') {
        line++;
      }
    }
    String text = new String(content, StandardCharsets.UTF_8);
    return parse(displayPath, text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  /** Parses text; never throws for any content. */
  public Dockerfile parse(String displayPath, String text) {
    return new Run(text).parse(displayPath);
  }

  /** One parse: the lines, the position in them, and what has been found. */
  private static final class Run {
    private final String[] lines;
    private int next;
    private char escape = '\\';
    private final List<Instruction> instructions = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<ParseProblem> problems = new ArrayList<>();

    Run(String text) {
      String[] split = text.split("\n", -1);
      for (int i = 0; i < split.length; i++) {
        if (split[i].endsWith("\r")) {
          split[i] = split[i].substring(0, split[i].length() - 1);
        }
      }
      lines = split;
    }

    Dockerfile parse(String path) {
      directives();
      while (next < lines.length) {
        String trimmed = lines[next].strip();
        if (trimmed.isEmpty()) {
          next++;
        } else if (trimmed.startsWith("#")) {
          comments.add(new Comment(next + 1, trimmed));
          next++;
        } else {
          instruction();
        }
      }
      return new StageBuilder(escape, problems).build(path, instructions, comments);
    }

    /** Parser directives: only at the very top, before any blank line, comment or instruction. */
    private void directives() {
      while (next < lines.length) {
        Matcher m = DIRECTIVE.matcher(lines[next].strip());
        if (!m.matches() || !DIRECTIVES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
          return;
        }
        if (m.group(1).equalsIgnoreCase("escape")) {
          String value = m.group(2);
          if (value.equals("\\") || value.equals("`")) {
            escape = value.charAt(0);
          } else {
            problems.add(
                new ParseProblem(
                    Rules.PARSE,
                    next + 1,
                    "escape directive '" + value + "': only \\ or ` can be the escape character"));
          }
        }
        comments.add(new Comment(next + 1, lines[next].strip()));
        next++;
      }
    }

    /** One instruction from its first line through its continuations and here-documents. */
    private void instruction() {
      int first = next + 1;
      String logical = logicalLine();
      int last = next;
      String trimmed = logical.strip();
      int space = 0;
      while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
        space++;
      }
      String word = trimmed.substring(0, space);
      String keyword = word.toUpperCase(Locale.ROOT);
      String rest = trimmed.substring(space).strip();
      if (!INSTRUCTIONS.contains(keyword)) {
        problems.add(new ParseProblem(Rules.PARSE, first, unknown(word)));
        return;
      }
      Instruction instruction = build(keyword, rest, first, last, true);
      if (instruction != null) {
        instructions.add(instruction);
      }
    }

    private String unknown(String word) {
      String shown = word.length() > 40 ? word.substring(0, 40) + "…" : word;
      String hint =
          !instructions.isEmpty() && instructions.get(instructions.size() - 1).is("RUN")
              ? "; if it continues the RUN before it, end that line with " + escape
              : "; instructions are " + String.join(", ", new java.util.TreeSet<>(INSTRUCTIONS));
      return "unknown instruction '" + shown + "'" + hint;
    }

    /**
     * Joins continuation lines: a line ending in the escape character (trailing blanks allowed)
     * continues on the next line; comment and empty lines inside are dropped, as BuildKit does.
     */
    private String logicalLine() {
      StringBuilder text = new StringBuilder();
      while (next < lines.length) {
        String line = lines[next++];
        String stripped = line.stripTrailing();
        if (stripped.isEmpty() || stripped.charAt(stripped.length() - 1) != escape) {
          text.append(line);
          return text.toString();
        }
        text.append(stripped, 0, stripped.length() - 1);
        while (next < lines.length) {
          String following = lines[next].strip();
          if (!following.isEmpty() && !following.startsWith("#")) {
            break;
          }
          next++;
        }
      }
      return text.toString();
    }

    private Instruction build(
        String keyword, String rest, int first, int last, boolean allowHeredocs) {
      List<Flag> flags = new ArrayList<>();
      String arguments = rest;
      if (WITH_FLAGS.contains(keyword)) {
        arguments = flags(rest, flags);
      }
      if (arguments.isEmpty() && !keyword.equals("ONBUILD")) {
        problems.add(
            new ParseProblem(
                Rules.PARSE, first, keyword + " without arguments; the builder stops"));
        return null;
      }
      List<String> execForm = WITH_JSON_FORM.contains(keyword) ? JsonForm.parse(arguments) : null;
      List<Heredoc> heredocs = new ArrayList<>();
      if (allowHeredocs && execForm == null && WITH_HEREDOCS.contains(keyword)) {
        for (HeredocMarkers.Marker marker : HeredocMarkers.find(arguments)) {
          heredocs.add(heredoc(marker, first));
        }
        last = Math.max(last, next);
      }
      Instruction trigger = null;
      if (keyword.equals("ONBUILD")) {
        trigger = onbuild(arguments, first, last);
        if (trigger == null) {
          return null;
        }
      }
      return new Instruction(
          keyword, arguments, flags, execForm, heredocs, trigger, first, last, arguments, true);
    }

    private Instruction onbuild(String arguments, int first, int last) {
      String trimmed = arguments.strip();
      if (trimmed.isEmpty()) {
        problems.add(new ParseProblem(Rules.PARSE, first, "ONBUILD without an instruction"));
        return null;
      }
      int space = 0;
      while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
        space++;
      }
      String word = trimmed.substring(0, space);
      String keyword = word.toUpperCase(Locale.ROOT);
      if (!INSTRUCTIONS.contains(keyword)) {
        problems.add(new ParseProblem(Rules.PARSE, first, "ONBUILD " + unknown(word)));
        return null;
      }
      return build(keyword, trimmed.substring(space).strip(), first, last, false);
    }

    /** Reads the leading {@code --name[=value]} words into {@code flags}; returns the rest. */
    private String flags(String text, List<Flag> flags) {
      int i = 0;
      while (text.startsWith("--", i)) {
        int end = i;
        char quote = 0;
        while (end < text.length()) {
          char c = text.charAt(end);
          if (quote == 0 && Character.isWhitespace(c)) {
            break;
          }
          if (quote == 0 && (c == '"' || c == '\'')) {
            quote = c;
          } else if (c == quote) {
            quote = 0;
          }
          end++;
        }
        String word = text.substring(i + 2, end);
        int equals = word.indexOf('=');
        flags.add(
            equals < 0
                ? new Flag(word.toLowerCase(Locale.ROOT), null)
                : new Flag(
                    word.substring(0, equals).toLowerCase(Locale.ROOT),
                    unquote(word.substring(equals + 1))));
        i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
      }
      return text.substring(i);
    }

    private static String unquote(String value) {
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)) {
        return value.substring(1, value.length() - 1);
      }
      return value;
    }

    /** The body lines after the instruction, up to the delimiter line. */
    private Heredoc heredoc(HeredocMarkers.Marker marker, int instructionLine) {
      int start = next + 1;
      StringBuilder body = new StringBuilder();
      while (next < lines.length) {
        String line = lines[next++];
        String compared = marker.stripTabs() ? line.replaceFirst("^\t+", "") : line;
        if (compared.stripTrailing().equals(marker.name())) {
          return new Heredoc(marker.name(), body.toString(), start, true);
        }
        if (body.length() > 0) {
          body.append('\n');
        }
        body.append(compared);
      }
      problems.add(
          new ParseProblem(
              Rules.PARSE,
              instructionLine,
              "here-document <<"
                  + marker.name()
                  + " is never closed: everything to the end of the file became its body; add a"
                  + " line '"
                  + marker.name()
                  + "'"));
      return new Heredoc(marker.name(), body.toString(), start, false);
    }
  }
}
