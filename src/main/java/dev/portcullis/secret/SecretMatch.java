package dev.portcullis.secret;

import dev.portcullis.vulndb.Severity;

/**
 * A secret found in one file or text, already masked: nothing here is the secret itself.
 *
 * @param line 1-based line of the file (for image config values: the entry's 1-based index)
 * @param match the line, shortened around the secret, with every secret on it masked
 */
public record SecretMatch(
    String ruleId, String category, String title, Severity severity, int line, String match) {

  /** The same match at another line (an image config entry's position). */
  public SecretMatch atLine(int otherLine) {
    return new SecretMatch(ruleId, category, title, severity, otherLine, match);
  }
}
