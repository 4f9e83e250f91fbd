package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Package;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.match.FixingAdvisory;
import dev.portcullis.vulndb.SeverityRating;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finding's JSON names the advisories that fix it among others, and only where there are any. */
class FindingAdvisoriesJsonTest {

  private static final Package LIBSSL3 = Package.library("deb", "libssl3", "3.0.14-1", "x");

  @Test
  void advisoriesAreListedWithTheVersionsTheyFixIn() {
    FixingAdvisory dsa = new FixingAdvisory("DSA-2099-7001", List.of("3.0.15-1"));
    Finding finding =
        new Finding(
            "CVE-2099-7001",
            List.of(),
            LIBSSL3,
            "Debian:12",
            List.of("3.0.15-1"),
            FixStatus.FIXED,
            SeverityRating.unknown(),
            null,
            null,
            List.of(dsa));

    assertThat(FindingsJsonWriter.JsonFinding.of(finding, null).advisories()).containsExactly(dsa);
  }

  @Test
  void aFindingNoOtherAdvisoryFixesHasNoAdvisoriesField() {
    Finding finding =
        new Finding(
            "CVE-2099-7001",
            List.of(),
            LIBSSL3,
            "Debian:12",
            List.of(),
            FixStatus.AFFECTED,
            SeverityRating.unknown(),
            null,
            null,
            List.of());

    assertThat(FindingsJsonWriter.JsonFinding.of(finding, null).advisories()).isNull();
  }
}
