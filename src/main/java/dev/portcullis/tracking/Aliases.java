package dev.portcullis.tracking;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A finding's aliases as the store keeps them: space-separated, cut to the column's size. */
final class Aliases {

  private static final int MAX_CHARS = 4000;

  private Aliases() {}

  static String format(List<String> aliases) {
    StringBuilder text = new StringBuilder();
    for (String alias : aliases) {
      if (text.length() + alias.length() + 1 > MAX_CHARS) {
        break;
      }
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(alias);
    }
    return text.toString();
  }

  static Set<String> parse(String stored) {
    if (stored == null || stored.isEmpty()) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList(stored.split(" ")));
  }
}
