package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: {@code # portcullis ignore=PC-DF-203,DL3008} or {@code # hadolint
 * ignore=DL3008} in the comment lines right above an instruction silences those rules for that
 * instruction; {@code global ignore=} silences them in the whole file. Either prefix takes our ids
 * and hadolint's (and Trivy's). Text after the ids is kept as the reason. An id that names no rule
 * is refused: a {@code # portcullis} comment must name rules of ours; a {@code # hadolint} comment
 * may also name hadolint's own checks (DLxxxx, ShellCheck's SCxxxx) that we do not have.
 */
final class InlineSuppressions {

  private static final Pattern PRAGMA =
      Pattern.compile("#\\s*(portcullis|hadolint)\\s+(global\\s+)?ignore\\s*=");
  private static final Pattern HADOLINT_OWN = Pattern.compile("(?i)DL\\d{4}|SC\\d{4}");

  /** One comment: the ids it names and the instruction line it applies to (0: everywhere). */
  private record Pragma(
      int line, int target, boolean hadolint, List<String> ids, String reason, String text) {}

  private final String path;
  private final List<Pragma> pragmas;

  private InlineSuppressions(String path, List<Pragma> pragmas) {
    this.path = path;
    this.pragmas = pragmas;
  }

  static InlineSuppressions of(Dockerfile file) {
    List<Pragma> pragmas = new ArrayList<>();
    List<Instruction> instructions = file.instructions();
    int next = 0;
    for (Comment comment : file.comments()) {
      Matcher m = PRAGMA.matcher(comment.text());
      if (!m.lookingAt()) {
        continue;
      }
      String rest = comment.text().substring(m.end());
      List<String> ids = new ArrayList<>();
      int end = ids(rest, ids);
      String reason = rest.substring(end).strip();
      if (reason.startsWith("reason=")) {
        reason = reason.substring("reason=".length()).strip();
      }
      while (next < instructions.size() && instructions.get(next).line() < comment.line()) {
        next++;
      }
      int target =
          m.group(2) != null ? 0 : next < instructions.size() ? instructions.get(next).line() : -1;
      pragmas.add(
          new Pragma(
              comment.line(),
              target,
              m.group(1).equals("hadolint"),
              ids,
              reason.isEmpty() ? null : reason,
              comment.text()));
    }
    return new InlineSuppressions(file.path(), pragmas);
  }

  /** Refuses an ignore that names no rule, with the file, line and id. */
  void checkIds() throws UnknownIgnoreException {
    for (Pragma pragma : pragmas) {
      for (String id : pragma.ids()) {
        boolean known =
            Rules.named(id).isPresent()
                || (pragma.hadolint() && HADOLINT_OWN.matcher(id).matches());
        if (!known) {
          throw new UnknownIgnoreException(
              path
                  + ":"
                  + pragma.line()
                  + ": the ignore names '"
                  + id
                  + "', which is no rule nor one of their hadolint or Trivy ids; the rules are"
                  + " listed in docs/dockerfile-rules.md");
        }
      }
    }
  }

  /** Reads {@code ID[, ID…]} into {@code ids}; returns where the ids end. */
  private static int ids(String text, List<String> ids) {
    int i = skipSpaces(text, 0);
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && isIdChar(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        return start;
      }
      ids.add(text.substring(start, i));
      int after = skipSpaces(text, i);
      if (after >= text.length() || text.charAt(after) != ',') {
        return i;
      }
      i = skipSpaces(text, after + 1);
    }
    return i;
  }

  private static boolean isIdChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The suppression of a finding, or null when no comment covers it. */
  SuppressedFinding suppression(LintFinding finding) {
    for (Pragma pragma : pragmas) {
      if (pragma.target() != 0 && pragma.target() != finding.line()) {
        continue;
      }
      for (String id : pragma.ids()) {
        if (finding.isNamed(id)) {
          return new SuppressedFinding(
              finding,
              "inline",
              id,
              pragma.reason() != null ? pragma.reason() : pragma.text(),
              null,
              null,
              path + ":" + pragma.line());
        }
      }
    }
    return null;
  }
}
