package dev.portcullis.yaml;

import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML's reader over text that is already in memory. SnakeYAML's own reader refills a window
 * 1,024 characters at a time and copies the whole window on every refill, so a token as long as a
 * line costs the square of its length: a single line of 1 MB took 9 s, one of 6 MB a minute. This
 * one holds the text's code points once and peeks in constant time; it keeps the parent's line,
 * column and index bookkeeping and its refusal of non-printable characters.
 */
public final class InMemoryYamlReader extends StreamReader {

  private static final String NAME = "'reader'";

  private final int[] text;

  /** Where the first character YAML does not allow is, or the text's length. */
  private final int printableEnd;

  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  public InMemoryYamlReader(String text) {
    super(new StringReader(""));
    this.text = text.codePoints().toArray();
    int end = 0;
    while (end < this.text.length && isPrintable(this.text[end])) {
      end++;
    }
    this.printableEnd = end;
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, index, line, column, text, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int length) {
    for (int i = 0; i < length && available(0); i++) {
      int c = text[pointer++];
      index++;
      documentIndex++;
      boolean lineBreak =
          c == '\n'
              || c == '\u0085'
              || c == '\u2028'
              || c == '\u2029'
              || (c == '\r' && available(0) && text[pointer] != '\n');
      if (lineBreak) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return peek(0);
  }

  @Override
  public int peek(int offset) {
    return available(offset) ? text[pointer + offset] : '\0';
  }

  @Override
  public String prefix(int length) {
    if (length == 0) {
      return "";
    }
    int count = available(length) ? length : Math.max(0, Math.min(length, text.length - pointer));
    return new String(text, pointer, count);
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    // As the parent: a prefix never holds a line break.
    pointer += length;
    index += length;
    documentIndex += length;
    column += length;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }

  /**
   * Whether the character {@code offset} past the pointer exists; reaching a character YAML does
   * not allow is an error, as in the parent.
   */
  private boolean available(int offset) {
    int position = pointer + offset;
    if (position < printableEnd) {
      return true;
    }
    if (position >= text.length) {
      return false;
    }
    throw new ReaderException(
        NAME, printableEnd, text[printableEnd], "special characters are not allowed");
  }
}
