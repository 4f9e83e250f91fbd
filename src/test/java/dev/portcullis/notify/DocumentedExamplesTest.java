package dev.portcullis.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/notifications.md are what the code writes for these notifications. */
class DocumentedExamplesTest {

  private static final Path DOC = Path.of("docs/notifications.md");
  private static final Pattern JSON_BLOCK =
      Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Instant NOW = Instant.parse("2026-12-04T12:30:00Z");
  private static final Instant SCANNED = Instant.parse("2026-12-04T12:29:41Z");

  @Test
  void everyPayloadExampleIsWhatTheCodeWrites() throws IOException {
    List<JsonNode> documented = new ArrayList<>();
    Matcher block = JSON_BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    while (block.find()) {
      documented.add(json.readTree(block.group(1)));
    }
    List<Notification> examples = List.of(newFindings(), missedDeadline(), summary());
    List<JsonNode> written = new ArrayList<>();
    for (Notification example : examples) {
      written.add(json.readTree(JsonPayload.of(example).body()));
    }
    for (Notification example : examples) {
      written.add(json.readTree(SlackPayload.of(example)));
    }

    assertThat(documented).containsExactlyElementsOf(written);
  }

  @Test
  void signatureTestVectorIsWhatTheCodeSigns() throws IOException {
    String signature =
        RequestSignature.sign(
            "It's a Secret to Everybody",
            1796387400L,
            "{\"event\":\"summary.daily\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains("`" + signature + "`");
  }

  private static NewFindings newFindings() {
    NotifiedFinding curl =
        new NotifiedFinding(
            "CVE-2023-38545",
            List.of(),
            Severity.CRITICAL,
            "libcurl4",
            "7.88.1-10",
            "Debian:12",
            "7.88.1-10+deb12u3",
            "registry.example/shop/web",
            TestFindings.DIGEST,
            SCANNED,
            SCANNED.plus(Duration.ofHours(48)));
    NotifiedFinding log4j =
        new NotifiedFinding(
            "GHSA-p6xc-xr62-6r2g",
            List.of("CVE-2021-45105"),
            Severity.HIGH,
            "org.apache.logging.log4j:log4j-core",
            "2.14.1",
            "Maven",
            "2.17.0",
            "registry.example/shop/web",
            TestFindings.DIGEST,
            SCANNED,
            SCANNED.plus(Duration.ofDays(7)));
    return new NewFindings(NOW, List.of(curl, log4j));
  }

  private static MissedDeadlines missedDeadline() {
    Instant firstSeen = Instant.parse("2026-12-01T08:00:00Z");
    NotifiedFinding curl =
        new NotifiedFinding(
            "CVE-2023-38545",
            List.of(),
            Severity.CRITICAL,
            "libcurl4",
            "7.88.1-10",
            "Debian:12",
            "7.88.1-10+deb12u3",
            "registry.example/shop/web",
            TestFindings.DIGEST,
            firstSeen,
            firstSeen.plus(Duration.ofHours(48)));
    return new MissedDeadlines(NOW, List.of(curl));
  }

  private static DailySummary summary() {
    return new DailySummary(
        NOW.minus(Duration.ofDays(1)),
        NOW,
        Map.of(Severity.CRITICAL, 2, Severity.HIGH, 9, Severity.MEDIUM, 31, Severity.LOW, 54),
        Map.of(Severity.CRITICAL, 1, Severity.HIGH, 1),
        Map.of(Severity.CRITICAL, Duration.ofHours(30), Severity.HIGH, Duration.ofHours(101)),
        new DailySummary.OldestUnpatched("registry.example/shop/web", TestFindings.DIGEST, 12));
  }
}
