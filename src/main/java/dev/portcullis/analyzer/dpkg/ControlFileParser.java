package dev.portcullis.analyzer.dpkg;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one paragraph of Debian control-file syntax (deb822): {@code Field: value} lines,
 * continuation lines starting with white space. Only the fields the inventory needs are kept.
 */
final class ControlFileParser {

  private static final Set<String> WANTED =
      Set.of("Package", "Version", "Status", "Source", "Architecture", "Maintainer");

  private ControlFileParser() {}

  static Map<String, String> fields(List<String> paragraph) {
    Map<String, String> fields = new HashMap<>();
    for (String line : paragraph) {
      // Continuation lines (long descriptions, conffiles) carry nothing the inventory needs.
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String name = line.substring(0, colon).strip();
          if (WANTED.contains(name)) {
            fields.put(name, line.substring(colon + 1).strip());
          }
        }
      }
    }
    return fields;
  }
}
