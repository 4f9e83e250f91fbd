package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.vulndb.OsvRecord.SeverityScore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which words of Debian's and Ubuntu's data say that no fix is coming, and which do not. */
class NoFixPlannedTest {

  @Test
  void debianUnimportantAndEndOfLifeWithOrWithoutTheTrackersStar() {
    assertThat(NoFixPlanned.inEntry("Debian", "{\"urgency\":\"unimportant\"}"))
        .contains("Debian rates it \"unimportant\": no fix is planned for this release");
    assertThat(NoFixPlanned.inEntry("Debian", "{\"urgency\":\"unimportant*\"}"))
        .contains("Debian rates it \"unimportant\": no fix is planned for this release");
    assertThat(NoFixPlanned.inEntry("Debian", "{\"urgency\":\"end-of-life\"}"))
        .hasValueSatisfying(note -> assertThat(note).contains("end-of-life"));
  }

  @Test
  void otherDebianUrgenciesPromiseNothingEitherWay() {
    for (String urgency : List.of("low", "medium", "medium*", "high", "not yet assigned", "")) {
      assertThat(NoFixPlanned.inEntry("Debian", "{\"urgency\":\"" + urgency + "\"}"))
          .as(urgency)
          .isEmpty();
    }
    assertThat(NoFixPlanned.inEntry("Debian", "{}")).isEmpty();
    assertThat(NoFixPlanned.inEntry("Debian", null)).isEmpty();
    assertThat(NoFixPlanned.inEntry("Debian", "{\"urgency\":{\"not\":\"a word\"}}")).isEmpty();
  }

  @Test
  void ubuntuNegligibleOnTheEntryOrForTheRecord() {
    assertThat(NoFixPlanned.inEntry("Ubuntu", "{\"ubuntu_priority\":\"negligible\"}"))
        .hasValueSatisfying(note -> assertThat(note).startsWith("Ubuntu rates it \"negligible\""));
    assertThat(
            NoFixPlanned.inRecord(
                "Ubuntu",
                List.of(
                    new SeverityScore("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:L"),
                    new SeverityScore("Ubuntu", "negligible"))))
        .isPresent();
    assertThat(NoFixPlanned.inRecord("Ubuntu", List.of(new SeverityScore("Ubuntu", "low"))))
        .isEmpty();
    assertThat(NoFixPlanned.inEntry("Ubuntu", "{\"ubuntu_priority\":\"medium\"}")).isEmpty();
  }

  @Test
  void aDistributionsWordCountsOnlyInItsOwnEcosystem() {
    assertThat(NoFixPlanned.inEntry("Ubuntu", "{\"urgency\":\"unimportant\"}")).isEmpty();
    assertThat(NoFixPlanned.inEntry("Debian", "{\"ubuntu_priority\":\"negligible\"}")).isEmpty();
    assertThat(NoFixPlanned.inRecord("Debian", List.of(new SeverityScore("Ubuntu", "negligible"))))
        .isEmpty();
    assertThat(NoFixPlanned.inEntry("Alpine", "{\"urgency\":\"unimportant\"}")).isEmpty();
  }

  @Test
  void anEntryRatedAnyWayIsRated() {
    assertThat(NoFixPlanned.entryRated("Ubuntu", "{\"ubuntu_priority\":\"medium\"}")).isTrue();
    assertThat(NoFixPlanned.entryRated("Debian", "{\"urgency\":\"low*\"}")).isTrue();
    assertThat(NoFixPlanned.entryRated("Ubuntu", "{}")).isFalse();
    assertThat(NoFixPlanned.entryRated("Ubuntu", null)).isFalse();
  }
}
