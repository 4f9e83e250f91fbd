package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/** Short renderings for messages. */
final class Text {

  private static final int SHOWN = 4;

  private Text() {}

  /** {@code a b c}, or {@code a b c d and 3 more}. */
  static String shortList(List<String> items) {
    if (items.size() <= SHOWN) {
      return String.join(" ", items);
    }
    return String.join(" ", items.subList(0, SHOWN)) + " and " + (items.size() - SHOWN) + " more";
  }
}
