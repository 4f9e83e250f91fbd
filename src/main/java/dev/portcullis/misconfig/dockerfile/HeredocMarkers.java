package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds here-document markers ({@code <<EOF}, {@code <<-"EOT"}): words that start with {@code <<},
 * outside quotes, as BuildKit reads them ({@code $((1<<2))} is no marker).
 */
final class HeredocMarkers {

  /** A marker: the delimiter word and whether {@code <<-} strips leading tabs. */
  record Marker(String name, boolean stripTabs) {}

  private HeredocMarkers() {}

  static List<Marker> find(String text) {
    List<Marker> markers = new ArrayList<>();
    char quote = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        i++;
        continue;
      }
      if (c == '<'
          && text.startsWith("<<", i)
          && !text.startsWith("<<<", i)
          && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        int j = i + 2;
        boolean strip = j < text.length() && text.charAt(j) == '-';
        if (strip) {
          j++;
        }
        int end = j;
        String name;
        if (j < text.length() && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
          int close = text.indexOf(text.charAt(j), j + 1);
          if (close < 0) {
            break;
          }
          name = text.substring(j + 1, close);
          end = close + 1;
        } else {
          while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
          }
          name = text.substring(j, end);
        }
        if (!name.isEmpty()) {
          markers.add(new Marker(name, strip));
        }
        i = Math.max(end, i + 2);
        continue;
      }
      i++;
    }
    return markers;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }
}
