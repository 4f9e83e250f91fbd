package dev.portcullis.misconfig.dockerfile;

/** EXPOSE arguments: {@code 80}, {@code 53/udp}, {@code 8000-8010/tcp}. */
final class Ports {

  /** A port range; {@code valid} is false when it is not numbers in 0-65535. */
  record Range(int first, int last, boolean valid) {}

  private Ports() {}

  static Range parse(String word) {
    String ports = word;
    int slash = ports.indexOf('/');
    if (slash >= 0) {
      ports = ports.substring(0, slash);
    }
    int dash = ports.indexOf('-');
    try {
      int first = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
      int last = dash < 0 ? first : Integer.parseInt(ports.substring(dash + 1));
      boolean valid = first >= 0 && last <= 65535 && first <= last;
      return new Range(first, last, valid);
    } catch (NumberFormatException e) {
      return new Range(-1, -1, false);
    }
  }

  static boolean covers(String word, int port) {
    Range range = parse(word);
    return range.valid() && range.first() <= port && port <= range.last();
  }
}
