package dev.portcullis.secret;

/**
 * A line as a rule's regular expression reads it, with a bound on the characters the expression may
 * read in all. {@code java.util.regex} backtracks: an expression such as {@code (a+)+b} or {@code
 * .*x.*y} takes exponential or quadratic time on a line built against it, and the line comes from
 * the scanned image. Every step of the matcher reads a character, so counting the reads bounds its
 * work.
 */
final class BudgetedLine implements CharSequence {

  /** Reads allowed per character of the line, besides {@link #BASE_READS}. */
  static final long READS_PER_CHARACTER = 1024;

  static final long BASE_READS = 1024 * 1024;

  private final String line;
  private long left;

  BudgetedLine(String line) {
    this.line = line;
    this.left = limit(line);
  }

  /** Characters a rule may read of this line: far above what a linear expression reads. */
  static long limit(String line) {
    return BASE_READS + READS_PER_CHARACTER * line.length();
  }

  @Override
  public char charAt(int index) {
    if (--left < 0) {
      throw new Exhausted();
    }
    return line.charAt(index);
  }

  @Override
  public int length() {
    return line.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return line.substring(start, end);
  }

  @Override
  public String toString() {
    return line;
  }

  /** The expression read more than its {@link #limit} of the line. */
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super(null, null, false, false);
    }
  }
}
