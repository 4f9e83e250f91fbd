package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Package;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.SeverityRating;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records naming each other are one finding, whose status and note agree with each other. */
class AliasMergingTest {

  private static final Package COREUTILS = Package.library("deb", "coreutils", "9.1-1", "x");
  private static final Package LOG4J =
      Package.library("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "app.jar");
  private static final String UNIMPORTANT =
      "Debian rates it \"unimportant\": no fix is planned for this release";

  private static Finding finding(
      String id, List<String> aliases, List<String> fixed, FixStatus status, String note) {
    return new Finding(
        id,
        aliases,
        COREUTILS,
        "Debian:12",
        fixed,
        status,
        SeverityRating.unknown(),
        null,
        note,
        List.of());
  }

  private static Finding inLog4j(String id, List<String> aliases) {
    return new Finding(
        id,
        aliases,
        LOG4J,
        "Maven",
        List.of("2.15.0"),
        FixStatus.FIXED,
        SeverityRating.unknown(),
        null,
        null,
        List.of());
  }

  @Test
  void aFixInAnyRecordWinsAndTheNoFixNoteGoes() {
    List<Finding> merged =
        Matcher.mergeAliases(
            List.of(
                finding("CVE-2099-1", List.of(), List.of(), FixStatus.WILL_NOT_FIX, UNIMPORTANT),
                finding(
                    "DSA-9999-1",
                    List.of("CVE-2099-1"),
                    List.of("9.1-1+deb12u1"),
                    FixStatus.FIXED,
                    null)));

    assertThat(merged)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("CVE-2099-1");
              assertThat(f.status()).isEqualTo(FixStatus.FIXED);
              assertThat(f.fixedVersions()).containsExactly("9.1-1+deb12u1");
              assertThat(f.note()).isNull();
            });
  }

  @Test
  void withoutAFixOneRecordsWordThatNoneIsPlannedIsKept() {
    List<Finding> merged =
        Matcher.mergeAliases(
            List.of(
                finding("CVE-2099-1", List.of(), List.of(), FixStatus.AFFECTED, null),
                finding(
                    "DEBIAN-CVE-2099-1",
                    List.of("CVE-2099-1"),
                    List.of(),
                    FixStatus.WILL_NOT_FIX,
                    UNIMPORTANT)));

    assertThat(merged)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("CVE-2099-1");
              assertThat(f.status()).isEqualTo(FixStatus.WILL_NOT_FIX);
              assertThat(f.note()).isEqualTo(UNIMPORTANT);
            });
  }

  @Test
  void aLowRatingUnderThePreferredIdDoesNotHideACriticalAlias() {
    SeverityRating low = new SeverityRating(Severity.LOW, 3.1, null, "CVSS_V3 vector");
    SeverityRating critical = new SeverityRating(Severity.CRITICAL, 9.8, null, "CVSS_V3 vector");
    Finding cve =
        new Finding(
            "CVE-2099-1",
            List.of(),
            COREUTILS,
            "Debian:12",
            List.of(),
            FixStatus.AFFECTED,
            low,
            null,
            null,
            List.of());
    Finding ghsa =
        new Finding(
            "GHSA-x",
            List.of("CVE-2099-1"),
            COREUTILS,
            "Debian:12",
            List.of(),
            FixStatus.AFFECTED,
            critical,
            null,
            null,
            List.of());

    for (List<Finding> order : List.of(List.of(cve, ghsa), List.of(ghsa, cve))) {
      assertThat(Matcher.mergeAliases(order))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.vulnerabilityId()).isEqualTo("CVE-2099-1");
                assertThat(f.severity()).isEqualTo(critical);
              });
    }
  }

  @Test
  void recordsWithoutAnyFixOrWordStayAffected() {
    List<Finding> merged =
        Matcher.mergeAliases(
            List.of(
                finding("CVE-2099-1", List.of(), List.of(), FixStatus.AFFECTED, null),
                finding("GHSA-x", List.of("CVE-2099-1"), List.of(), FixStatus.AFFECTED, null)));

    assertThat(merged).singleElement().extracting(Finding::status).isEqualTo(FixStatus.AFFECTED);
  }

  @Test
  void aGhsaAloneIsReportedUnderTheCveItNames() {
    List<Finding> merged =
        Matcher.mergeAliases(List.of(inLog4j("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"))));

    assertThat(merged)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("CVE-2021-44228");
              assertThat(f.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
            });
  }

  @Test
  void aRecordNamingSeveralCvesKeepsItsOwnId() {
    List<Finding> merged =
        Matcher.mergeAliases(
            List.of(inLog4j("GHSA-aaaa-bbbb-cccc", List.of("CVE-2099-1", "CVE-2099-2"))));

    assertThat(merged)
        .singleElement()
        .extracting(Finding::vulnerabilityId)
        .isEqualTo("GHSA-aaaa-bbbb-cccc");
  }

  @Test
  void aDistributionRecordKeepsItsOwnId() {
    List<Finding> merged =
        Matcher.mergeAliases(
            List.of(
                finding(
                    "DEBIAN-CVE-2099-1",
                    List.of("CVE-2099-1"),
                    List.of(),
                    FixStatus.AFFECTED,
                    null)));

    assertThat(merged)
        .singleElement()
        .extracting(Finding::vulnerabilityId)
        .isEqualTo("DEBIAN-CVE-2099-1");
  }
}
