package dev.portcullis.tracking;

/** Text cut to a column's size. */
final class Text {

  private Text() {}

  static String cut(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars - 1) + "…";
  }
}
