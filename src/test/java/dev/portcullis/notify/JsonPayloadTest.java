package dev.portcullis.notify;

import static dev.portcullis.notify.TestFindings.DIGEST;
import static dev.portcullis.notify.TestFindings.FIRST_SEEN;
import static dev.portcullis.notify.TestFindings.critical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPayloadTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:30:15.123Z");

  @Test
  void newFindingCarriesEveryFieldUnderItsDocumentedName() throws IOException {
    JsonNode root = json(new NewFindings(NOW, List.of(critical("CVE-2024-1234"))));

    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.get("event").asText()).isEqualTo("finding.new");
    assertThat(root.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(root.get("occurredAt").asText()).isEqualTo("2026-12-04T12:30:15Z");
    JsonNode finding = root.get("findings").get(0);
    assertThat(finding.get("vulnerabilityId").asText()).isEqualTo("CVE-2024-1234");
    assertThat(finding.get("aliases").get(0).asText()).isEqualTo("GHSA-xxxx-yyyy-zzzz");
    assertThat(finding.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(finding.get("package").get("name").asText()).isEqualTo("openssl");
    assertThat(finding.get("package").get("version").asText()).isEqualTo("3.0.11-1~deb12u1");
    assertThat(finding.get("package").get("ecosystem").asText()).isEqualTo("Debian:12");
    assertThat(finding.get("fixedVersion").asText()).isEqualTo("3.0.13-1~deb12u1");
    assertThat(finding.get("repository").asText()).isEqualTo("registry.example/shop/web");
    assertThat(finding.get("imageDigest").asText()).isEqualTo(DIGEST);
    assertThat(finding.get("firstSeen").asText()).isEqualTo("2026-12-01T08:00:00Z");
    assertThat(finding.get("dueAt").asText()).isEqualTo("2026-12-03T08:00:00Z");
    assertThat(finding.has("overdueSeconds")).isFalse();
  }

  @Test
  void absentFixAndDeadlineAreNullNotMissing() throws IOException {
    NotifiedFinding open = critical("CVE-2024-1234");
    NotifiedFinding unfixed =
        new NotifiedFinding(
            open.vulnerabilityId(),
            List.of(),
            Severity.HIGH,
            open.packageName(),
            open.packageVersion(),
            open.ecosystem(),
            null,
            open.repository(),
            open.imageDigest(),
            open.firstSeen(),
            null);

    JsonNode finding = json(new NewFindings(NOW, List.of(unfixed))).get("findings").get(0);

    assertThat(finding.get("fixedVersion").isNull()).isTrue();
    assertThat(finding.get("dueAt").isNull()).isTrue();
    assertThat(finding.get("aliases").isArray()).isTrue();
    assertThat(finding.get("aliases")).isEmpty();
  }

  @Test
  void overdueFindingSaysHowLongPastItsDeadlineInSeconds() throws IOException {
    NotifiedFinding finding = critical("CVE-2024-1234");
    Instant noticed = finding.dueAt().plus(Duration.ofHours(5)).plusSeconds(7);

    JsonNode root = json(new MissedDeadlines(noticed, List.of(finding)));

    assertThat(root.get("event").asText()).isEqualTo("finding.overdue");
    JsonNode node = root.get("findings").get(0);
    assertThat(node.get("dueAt").asText()).isEqualTo("2026-12-03T08:00:00Z");
    assertThat(node.get("overdueSeconds").asLong()).isEqualTo(5 * 3600 + 7);
  }

  @Test
  void findingNotYetDueCannotBeAMissedDeadline() {
    NotifiedFinding finding = critical("CVE-2024-1234");

    assertThatThrownBy(() -> new MissedDeadlines(finding.dueAt(), List.of(finding)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not overdue");
  }

  @Test
  void summaryListsEverySeverityWithZerosAndNullMttrWhereNothingWasFixed() throws IOException {
    DailySummary summary =
        new DailySummary(
            NOW.minus(Duration.ofDays(1)),
            NOW,
            Map.of(Severity.CRITICAL, 2, Severity.HIGH, 9),
            Map.of(Severity.HIGH, 1),
            Map.of(Severity.CRITICAL, Duration.ofHours(30)),
            new DailySummary.OldestUnpatched("registry.example/shop/web", DIGEST, 12));

    JsonNode root = json(summary);

    assertThat(root.get("event").asText()).isEqualTo("summary.daily");
    assertThat(root.get("occurredAt").asText()).isEqualTo("2026-12-04T12:30:15Z");
    JsonNode body = root.get("summary");
    assertThat(body.get("windowStart").asText()).isEqualTo("2026-12-03T12:30:15Z");
    assertThat(body.get("windowEnd").asText()).isEqualTo("2026-12-04T12:30:15Z");
    assertThat(body.get("open").get("CRITICAL").asInt()).isEqualTo(2);
    assertThat(body.get("open").get("HIGH").asInt()).isEqualTo(9);
    assertThat(body.get("open").get("LOW").asInt()).isZero();
    assertThat(body.get("overdue").get("CRITICAL").asInt()).isZero();
    assertThat(body.get("overdue").get("HIGH").asInt()).isEqualTo(1);
    assertThat(body.get("mttrSeconds").get("CRITICAL").asLong()).isEqualTo(30 * 3600);
    assertThat(body.get("mttrSeconds").get("HIGH").isNull()).isTrue();
    List<String> severities = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNKNOWN");
    assertThat(body.get("open").fieldNames()).toIterable().containsExactlyElementsOf(severities);
    assertThat(body.get("mttrSeconds").fieldNames())
        .toIterable()
        .containsExactlyElementsOf(severities);
    JsonNode oldest = body.get("oldestUnpatchedImage");
    assertThat(oldest.get("repository").asText()).isEqualTo("registry.example/shop/web");
    assertThat(oldest.get("imageDigest").asText()).isEqualTo(DIGEST);
    assertThat(oldest.get("ageDays").asLong()).isEqualTo(12);
  }

  @Test
  void sameEventGetsTheSameIdAndAnotherEventAnother() {
    NewFindings one = new NewFindings(NOW, List.of(critical("CVE-2024-1234")));
    NewFindings again = new NewFindings(NOW, List.of(critical("CVE-2024-1234")));
    NewFindings other = new NewFindings(NOW, List.of(critical("CVE-2024-9999")));
    MissedDeadlines overdue = new MissedDeadlines(NOW, List.of(critical("CVE-2024-1234")));

    assertThat(JsonPayload.id(again)).isEqualTo(JsonPayload.id(one));
    assertThat(JsonPayload.id(other)).isNotEqualTo(JsonPayload.id(one));
    assertThat(JsonPayload.id(overdue)).isNotEqualTo(JsonPayload.id(one));
  }

  @Test
  void timesAreUtcToTheSecond() {
    assertThat(JsonPayload.time(FIRST_SEEN.plusMillis(999))).isEqualTo("2026-12-01T08:00:00Z");
  }

  private static JsonNode json(Notification notification) throws IOException {
    return new ObjectMapper().readTree(JsonPayload.of(notification).body());
  }
}
