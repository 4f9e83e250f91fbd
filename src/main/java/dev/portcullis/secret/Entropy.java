package dev.portcullis.secret;

/** Shannon entropy of a string, in bits per character: how random a candidate secret looks. */
final class Entropy {

  private Entropy() {}

  static double bitsPerChar(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double entropy = 0;
    double length = text.length();
    for (int count : counts) {
      entropy += term(count, length);
    }
    return entropy + term(other, length);
  }

  private static double term(int count, double length) {
    if (count == 0) {
      return 0;
    }
    double p = count / length;
    return -p * (Math.log(p) / Math.log(2));
  }
}
