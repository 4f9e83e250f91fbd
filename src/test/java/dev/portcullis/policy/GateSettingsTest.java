package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.SeverityRating;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One resolution of the gate for the CLI's flags and the server's verdict. */
class GateSettingsTest {

  private static final Set<Severity> SERVER = EnumSet.of(Severity.CRITICAL, Severity.HIGH);
  private static final Policy.GateDefaults POLICY =
      new Policy.GateDefaults(List.of("medium"), 7, true, null);

  @Test
  void flagsOverThePolicyOverTheCallersDefault() {
    assertThat(GateSettings.of(List.of("LOW"), 9, false, POLICY, SERVER))
        .isEqualTo(new GateSettings(EnumSet.of(Severity.LOW), false, 9));
    assertThat(GateSettings.of(List.of(), null, null, POLICY, SERVER))
        .isEqualTo(new GateSettings(EnumSet.of(Severity.MEDIUM), true, 7));
    assertThat(GateSettings.of(List.of(), null, null, null, SERVER))
        .isEqualTo(new GateSettings(SERVER, false, 0));
  }

  @Test
  void anUnknownSeverityIsNamed() {
    assertThatThrownBy(() -> GateSettings.of(List.of("urgent"), null, null, null, SERVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown severity 'urgent'");
  }

  @Test
  void ignoreUnfixedLeavesOutWhatNoVersionFixes() {
    GateSettings settings = new GateSettings(SERVER, true, 1);

    assertThat(settings.reports(finding(Severity.HIGH, FixStatus.FIXED))).isTrue();
    assertThat(settings.reports(finding(Severity.HIGH, FixStatus.AFFECTED))).isFalse();
    assertThat(settings.reports(finding(Severity.MEDIUM, FixStatus.FIXED))).isFalse();
  }

  private static Finding finding(Severity severity, FixStatus status) {
    return new Finding(
        "CVE-2026-1",
        List.of(),
        null,
        "Debian:12",
        List.of(),
        status,
        new SeverityRating(severity, Double.NaN, null, "test"),
        "title",
        null,
        List.of());
  }
}
