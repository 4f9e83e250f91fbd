package dev.portcullis.misconfig.kubernetes;

/**
 * Part of a manifest file that could not be read: where and why. Documents before it are checked.
 *
 * @param line the 1-based line the problem is at, or 0 when the file as a whole is the problem
 */
public record ReadProblem(String file, int line, String message) {

  /** {@code file:line: message}, as an error line reads. */
  public String describe() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
