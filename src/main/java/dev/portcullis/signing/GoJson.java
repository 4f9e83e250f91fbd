package dev.portcullis.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes JSON byte for byte as Go's {@code encoding/json} marshals it (cosign is written in Go):
 * map keys in byte order, {@code <}, {@code >} and {@code &} escaped, control characters escaped.
 * Deterministic output keeps one payload per image and annotations, as cosign makes it.
 */
final class GoJson {

  /** Go sorts map keys by their UTF-8 bytes, which differs from Java's UTF-16 order. */
  static final Comparator<String> KEY_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append("\\ufffd"); // Go replaces what is not UTF-8 with U+FFFD
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Any JSON value; objects with their keys sorted as Go sorts a map's. */
  static void value(StringBuilder out, JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(KEY_ORDER);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(out, keys.get(i));
        out.append(':');
        value(out, node.get(keys.get(i)));
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, node.get(i));
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(out, node.textValue());
    } else {
      out.append(node.toString()); // numbers, booleans, null
    }
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
