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

  /** A URL without the credentials or query it may carry: {@code https://***@host/path?…}. */
  static String url(String url) {
    String shown = url;
    int query = shown.indexOf('?');
    if (query >= 0) {
      shown = shown.substring(0, query) + "?…";
    }
    int scheme = shown.indexOf("://");
    int at = shown.indexOf('@');
    int path = shown.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (scheme >= 0 && at > scheme && (path < 0 || at < path)) {
      shown = shown.substring(0, scheme + 3) + "***" + shown.substring(at);
    }
    return shown;
  }
}
