package dev.portcullis.baseimage.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The human-readable explanation in a forge's error answer, as one short line. GitHub says {@code
 * {"message": "...", "errors": [{"message": "..."}]}}; GitLab says {@code {"message": "..."}},
 * {@code {"message": ["..."]}}, {@code {"message": {"field": ["..."]}}} or {@code {"error": "...",
 * "error_description": "..."}}.
 */
final class ApiMessage {

  private static final int MAX_LENGTH = 300;

  private ApiMessage() {}

  static String of(JsonNode answer, UnaryOperator<String> redact) {
    List<String> parts = new ArrayList<>();
    collect(answer.path("message"), "", parts);
    collect(answer.path("error"), "", parts);
    collect(answer.path("error_description"), "", parts);
    for (JsonNode error : answer.path("errors")) {
      if (error.isObject() && !error.has("message")) {
        // GitHub's validation errors without a message: {"resource","field","code"}.
        collect(error.path("code"), error.path("field").asText("") + " ", parts);
      } else {
        collect(error.isObject() ? error.path("message") : error, "", parts);
      }
    }
    // Redacted before it is cut: a secret cut in half is still half a secret.
    return oneLine(redact.apply(String.join(": ", parts)));
  }

  private static void collect(JsonNode node, String prefix, List<String> parts) {
    if (node.isValueNode() && !node.isNull()) {
      String text = node.asText().strip();
      if (!text.isEmpty()) {
        parts.add(prefix.strip().isEmpty() ? text : prefix + text);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        collect(item, prefix, parts);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(field.getValue(), field.getKey() + " ", parts);
      }
    }
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "…";
  }
}
