package dev.portcullis.analyzer.dpkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Debian control-file syntax (deb822): paragraphs of {@code Field: value} separated by blank
 * lines, continuation lines starting with white space.
 */
final class ControlFileParser {

  private ControlFileParser() {}

  static List<Map<String, String>> paragraphs(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<Map<String, String>> paragraphs = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          paragraphs.add(current);
          current = new LinkedHashMap<>();
        }
      } else if (!Character.isWhitespace(line.charAt(0))) {
        // Continuation lines (long descriptions, conffiles) carry nothing the inventory needs.
        int colon = line.indexOf(':');
        if (colon > 0) {
          current.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
    }
    if (!current.isEmpty()) {
      paragraphs.add(current);
    }
    return paragraphs;
  }
}
