package dev.portcullis.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.SlaSettings;
import dev.portcullis.policy.SlaSettings.PatchTime;
import dev.portcullis.vulndb.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The patch deadlines of the user's policy, driven by a clock the test sets. */
class PatchDeadlinesTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  private static PatchDeadlines at(Instant now) {
    return new PatchDeadlines(SlaSettings.defaults(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static TrackedFinding open(Severity severity) {
    return new TrackedFinding(severity, T0, null, null, false);
  }

  @Test
  void aCriticalFindingIsOverdueOneSecondAfterFortyEightHoursNotOneSecondBefore() {
    Instant due = T0.plus(Duration.ofHours(48));

    assertThat(at(T0).dueAt(Severity.CRITICAL, T0)).contains(due);
    assertThat(at(due.minusSeconds(1)).overdue(open(Severity.CRITICAL))).isFalse();
    assertThat(at(due).overdue(open(Severity.CRITICAL))).isFalse();
    assertThat(at(due.plusSeconds(1)).overdue(open(Severity.CRITICAL))).isTrue();
  }

  @Test
  void highAndMediumFindingsAreDueAfterSevenAndThirtyDays() {
    assertThat(at(T0).dueAt(Severity.HIGH, T0)).contains(T0.plus(Duration.ofDays(7)));
    assertThat(at(T0).dueAt(Severity.MEDIUM, T0)).contains(T0.plus(Duration.ofDays(30)));
    assertThat(at(T0.plus(Duration.ofDays(8))).overdue(open(Severity.HIGH))).isTrue();
    assertThat(at(T0.plus(Duration.ofDays(8))).overdue(open(Severity.MEDIUM))).isFalse();
  }

  @Test
  void aLowFindingIsDueAtTheNextReleaseOverdueOnlyWhenANewerDigestStillCarriesIt() {
    PatchDeadlines aYearLater = at(T0.plus(Duration.ofDays(365)));

    assertThat(aYearLater.dueAt(Severity.LOW, T0)).isEmpty();
    assertThat(aYearLater.overdue(open(Severity.LOW))).isFalse();
    assertThat(aYearLater.overdue(new TrackedFinding(Severity.LOW, T0, null, null, true))).isTrue();
  }

  @Test
  void findingsWithoutASeverityHaveNoDeadline() {
    PatchDeadlines aYearLater = at(T0.plus(Duration.ofDays(365)));

    assertThat(aYearLater.dueAt(Severity.UNKNOWN, T0)).isEmpty();
    assertThat(aYearLater.overdue(open(Severity.UNKNOWN))).isFalse();
    assertThat(aYearLater.overdue(open(Severity.NONE))).isFalse();
  }

  @Test
  void aSeverityChangedByADatabaseUpdateMovesTheDeadlineFromFirstSeen() {
    PatchDeadlines threeDaysIn = at(T0.plus(Duration.ofDays(3)));

    // Rated MEDIUM when found, CRITICAL since: due 48 hours after it was first seen, long past.
    assertThat(threeDaysIn.overdue(open(Severity.MEDIUM))).isFalse();
    assertThat(threeDaysIn.overdue(open(Severity.CRITICAL))).isTrue();
  }

  @Test
  void anExceptionStopsTheClockAndWhenItEndsAFindingPastItsDeadlineIsOverdueAtOnce() {
    Instant exceptionEnds = T0.plus(Duration.ofDays(10));
    TrackedFinding excepted = new TrackedFinding(Severity.CRITICAL, T0, null, exceptionEnds, false);

    assertThat(at(T0.plus(Duration.ofDays(5))).overdue(excepted)).isFalse();
    assertThat(at(exceptionEnds.minusSeconds(1)).overdue(excepted)).isFalse();
    assertThat(at(exceptionEnds).overdue(excepted)).isTrue();
  }

  @Test
  void aFixedFindingIsNeverOverdue() {
    TrackedFinding fixed =
        new TrackedFinding(Severity.CRITICAL, T0, T0.plus(Duration.ofDays(1)), null, true);

    assertThat(at(T0.plus(Duration.ofDays(30))).overdue(fixed)).isFalse();
  }

  @Test
  void thePolicysTimesReplaceTheDefaults() {
    SlaSettings strict =
        new SlaSettings(PatchTime.parse("24h"), null, null, PatchTime.parse("90d"));
    PatchDeadlines deadlines = new PatchDeadlines(strict, Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(deadlines.dueAt(Severity.CRITICAL, T0)).contains(T0.plus(Duration.ofHours(24)));
    assertThat(deadlines.dueAt(Severity.HIGH, T0)).contains(T0.plus(Duration.ofDays(7)));
    assertThat(deadlines.dueAt(Severity.LOW, T0)).contains(T0.plus(Duration.ofDays(90)));
  }
}
