package dev.portcullis.vulndb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;

/**
 * Rates a record: from its CVSS v4 or v3.x vector (scored by the cvss-calculator library), else
 * from the database's own severity word (GHSA's {@code database_specific.severity}), else from
 * Ubuntu's priority (a severity entry of type {@code Ubuntu}: negligible, low, medium, high,
 * critical), else UNKNOWN.
 */
final class SeverityRater {

  private static final List<String> PREFERRED_CVSS = List.of("CVSS_V4", "CVSS_V3", "CVSS_V2");

  private SeverityRater() {}

  static SeverityRating rate(OsvRecord record) {
    for (String type : PREFERRED_CVSS) {
      for (OsvRecord.SeverityScore score : allScores(record)) {
        if (type.equals(score.type()) && score.score() != null) {
          SeverityRating rating = fromVector(type, score.score());
          if (rating != null) {
            return rating;
          }
        }
      }
    }
    JsonNode word =
        record.databaseSpecific() == null ? null : record.databaseSpecific().get("severity");
    if (word != null && word.isTextual()) {
      Severity severity = Severity.ofVendorWord(word.asText());
      if (severity != Severity.UNKNOWN) {
        return new SeverityRating(
            severity, Double.NaN, null, "database_specific.severity of " + record.id());
      }
    }
    for (OsvRecord.SeverityScore score : allScores(record)) {
      if ("Ubuntu".equals(score.type())) {
        Severity severity = Severity.ofVendorWord(score.score());
        if (severity != Severity.UNKNOWN) {
          return new SeverityRating(
              severity, Double.NaN, null, "Ubuntu priority \"" + score.score() + "\"");
        }
      }
    }
    return SeverityRating.unknown();
  }

  private static List<OsvRecord.SeverityScore> allScores(OsvRecord record) {
    List<OsvRecord.SeverityScore> scores = new ArrayList<>(record.severity());
    record.affected().forEach(a -> scores.addAll(a.severity()));
    return scores;
  }

  /** Null for a vector the calculator cannot score: a malformed vector is no severity at all. */
  private static SeverityRating fromVector(String type, String vector) {
    try {
      Cvss cvss = Cvss.fromVector(vector);
      if (cvss == null) {
        return null;
      }
      double score = cvss.calculateScore().getBaseScore();
      return new SeverityRating(Severity.ofCvssScore(score), score, vector, type + " vector");
    } catch (MalformedVectorException
        | IllegalArgumentException
        | ArithmeticException
        | IndexOutOfBoundsException e) {
      // the calculator indexes into the vector unchecked: an empty vector throws out of bounds
      return null;
    }
  }
}
