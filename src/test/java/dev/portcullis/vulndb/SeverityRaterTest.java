package dev.portcullis.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Severity from CVSS vectors (scored by the library), else the database's word, with the source
 * kept.
 */
class SeverityRaterTest {

  private static OsvRecord record(List<OsvRecord.SeverityScore> scores, String databaseSeverity)
      throws Exception {
    var databaseSpecific =
        databaseSeverity == null
            ? null
            : new ObjectMapper().readTree("{\"severity\":\"" + databaseSeverity + "\"}");
    return new OsvRecord(
        "GHSA-test", null, null, null, null, null, null, null, scores, null, databaseSpecific);
  }

  @Test
  void cvssV3VectorIsScored() throws Exception {
    SeverityRating rating =
        SeverityRater.rate(
            record(
                List.of(
                    new OsvRecord.SeverityScore(
                        "CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
                "LOW"));

    assertThat(rating.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rating.score()).isEqualTo(9.8);
    assertThat(rating.source()).isEqualTo("CVSS_V3 vector");
  }

  @Test
  void vectorWithAnEmptyValueIsNoSeverityNotACrash() throws Exception {
    // Found by OsvRecordFuzzTest: the calculator threw StringIndexOutOfBoundsException on "AV:".
    SeverityRating rating =
        SeverityRater.rate(
            record(
                List.of(
                    new OsvRecord.SeverityScore(
                        "CVSS_V4",
                        "CVSS:4.0/AV:/L:ACA/NT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"),
                    new OsvRecord.SeverityScore(
                        "CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
                null));

    assertThat(rating.source()).isEqualTo("CVSS_V3 vector");
  }

  @Test
  void cvssV4IsPreferredOverV3() throws Exception {
    SeverityRating rating =
        SeverityRater.rate(
            record(
                List.of(
                    new OsvRecord.SeverityScore(
                        "CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                    new OsvRecord.SeverityScore(
                        "CVSS_V4",
                        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N")),
                null));

    assertThat(rating.source()).isEqualTo("CVSS_V4 vector");
    assertThat(rating.severity()).isEqualTo(Severity.HIGH);
    assertThat(rating.score()).isEqualTo(8.7);
  }

  @Test
  void databaseWordIsTheFallbackAndNothingIsUnknown() throws Exception {
    SeverityRating moderate =
        SeverityRater.rate(
            record(List.of(new OsvRecord.SeverityScore("CVSS_V3", "not a vector")), "MODERATE"));

    assertThat(moderate.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(moderate.source()).contains("database_specific.severity");
    assertThat(SeverityRater.rate(record(List.of(), null)).severity()).isEqualTo(Severity.UNKNOWN);
  }

  @Test
  void ubuntuPriorityRatesARecordWithNothingElse() throws Exception {
    SeverityRating rating =
        SeverityRater.rate(record(List.of(new OsvRecord.SeverityScore("Ubuntu", "medium")), null));

    assertThat(rating.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(rating.source()).isEqualTo("Ubuntu priority \"medium\"");
  }
}
