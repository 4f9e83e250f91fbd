package dev.portcullis.vulndb;

/**
 * A severity and where it came from, so that a report can show the source of every severity.
 *
 * @param score the CVSS base score, or NaN where the severity is a vendor's word
 * @param vector the CVSS vector it was calculated from, or null
 * @param source what the severity was taken from: "CVSS_V3 vector", "database_specific.severity", …
 */
public record SeverityRating(Severity severity, double score, String vector, String source) {

  public static SeverityRating unknown() {
    return new SeverityRating(Severity.UNKNOWN, Double.NaN, null, "none in the record");
  }
}
