package dev.portcullis.analyzer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * How analyzers word a file that does not parse: "/app/package-lock.json: not valid JSON (line 3:
 * Unexpected end-of-input)", the parser's first line only, cut short, so a warning stays one line
 * and quotes little of a hostile file.
 */
public final class Unparsable {

  private static final int MAX_REASON = 80;

  private Unparsable() {}

  /** The warning for a file of the given format ("JSON", "TOML", "YAML") that does not parse. */
  public static String warning(String path, String format, JsonProcessingException e) {
    return "/" + path + ": not valid " + format + " (" + where(e) + ")";
  }

  /** "line 3: Unexpected end-of-input", or the reason alone where the parser knows no line. */
  public static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String reason = firstLine(e.getOriginalMessage());
    return location == null || location.getLineNr() < 1
        ? reason
        : "line " + location.getLineNr() + ": " + reason;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "…";
  }
}
