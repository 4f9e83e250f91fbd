package dev.portcullis.baseimage;

import dev.portcullis.image.InputException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the image of FROM lines and nothing else: comments, spacing, flags, stage names, line
 * endings and every other byte stay as they were.
 */
public final class DockerfileRewriter {

  /** Lines after a FROM's first line that may still hold its image (continuations). */
  private static final int SEARCHED_LINES = 8;

  /**
   * One FROM to change.
   *
   * @param line the FROM's first line (1-based)
   * @param written the image as the line writes it now
   * @param replacement what to write instead
   */
  public record Edit(int line, String written, String replacement) {}

  /** The text with the edits applied. */
  public String apply(String file, String text, List<Edit> edits) throws InputException {
    StringBuilder result = new StringBuilder(text);
    // From the bottom up, so that earlier offsets stay valid.
    for (Edit edit :
        edits.stream().sorted(Comparator.comparingInt(Edit::line).reversed()).toList()) {
      int start = offsetOfLine(result, edit.line());
      if (start < 0) {
        throw new InputException(file + ":" + edit.line() + ": no such line");
      }
      int end = offsetOfLine(result, edit.line() + SEARCHED_LINES);
      Matcher token =
          Pattern.compile("(?<=\\s)" + Pattern.quote(edit.written()) + "(?=\\s|$)")
              .matcher(result)
              .region(start, end < 0 ? result.length() : end);
      if (!token.find()) {
        throw new InputException(
            file
                + ":"
                + edit.line()
                + ": FROM no longer names "
                + edit.written()
                + "; not changed");
      }
      result.replace(token.start(), token.end(), edit.replacement());
    }
    return result.toString();
  }

  /** The offset where a 1-based line starts, or -1 past the end. */
  private static int offsetOfLine(CharSequence text, int line) {
    int offset = 0;
    for (int current = 1; current < line; current++) {
      int next = indexOf(text, '\n', offset);
      if (next < 0) {
        return -1;
      }
      offset = next + 1;
    }
    return offset;
  }

  private static int indexOf(CharSequence text, char c, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
