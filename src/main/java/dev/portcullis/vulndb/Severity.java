package dev.portcullis.vulndb;

import java.util.Locale;

/** The severity levels every report and the gate use, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  NONE,
  UNKNOWN;

  /** The qualitative rating of a CVSS base score (the same bands in CVSS v3 and v4). */
  public static Severity ofCvssScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    if (score > 0.0) {
      return LOW;
    }
    return NONE;
  }

  /**
   * Parses a severity's own name, in any case and with surrounding blanks: {@code high}, {@code
   * CRITICAL}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Severity named(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }

  /** Parses a vendor's word ("High", "moderate", "important"); UNKNOWN for anything else. */
  public static Severity ofVendorWord(String word) {
    if (word == null) {
      return UNKNOWN;
    }
    return switch (word.strip().toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> CRITICAL;
      case "HIGH", "IMPORTANT" -> HIGH;
      case "MEDIUM", "MODERATE" -> MEDIUM;
      case "LOW", "NEGLIGIBLE", "UNIMPORTANT" -> LOW;
      case "NONE" -> NONE;
      default -> UNKNOWN;
    };
  }
}
