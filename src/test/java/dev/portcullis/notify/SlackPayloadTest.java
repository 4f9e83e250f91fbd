package dev.portcullis.notify;

import static dev.portcullis.notify.TestFindings.DIGEST;
import static dev.portcullis.notify.TestFindings.critical;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackPayloadTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:30:00Z");

  @Test
  void newFindingsGetAHeaderAndOneMrkdwnSectionEach() throws IOException {
    NotifiedFinding high = TestFindings.finding("CVE-2024-5678", Severity.HIGH);

    JsonNode root = slack(new NewFindings(NOW, List.of(critical("CVE-2024-1234"), high)));

    assertThat(root.get("text").asText())
        .isEqualTo("Portcullis: 2 new vulnerabilities (1 CRITICAL, 1 HIGH)");
    JsonNode blocks = root.get("blocks");
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
    assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("2 new vulnerabilities");
    JsonNode section = blocks.get(1);
    assertThat(section.get("type").asText()).isEqualTo("section");
    assertThat(section.get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(section.get("text").get("text").asText())
        .isEqualTo(
            "*CRITICAL* <https://osv.dev/vulnerability/CVE-2024-1234|CVE-2024-1234>"
                + " (GHSA-xxxx-yyyy-zzzz)\n"
                + "`openssl` 3.0.11-1~deb12u1 (Debian:12), fixed in 3.0.13-1~deb12u1\n"
                + "`registry.example/shop/web` @ `sha256:4f2c1d8e9a0b`\n"
                + "first seen 2026-12-01 08:00 UTC · due 2026-12-03 08:00 UTC");
  }

  @Test
  void moreFindingsThanSlackAllowsBlocksEndWithAndNMore() throws IOException {
    List<NotifiedFinding> findings =
        IntStream.rangeClosed(1, 60).mapToObj(i -> critical("CVE-2024-" + (1000 + i))).toList();

    JsonNode blocks = slack(new NewFindings(NOW, findings)).get("blocks");

    assertThat(blocks).hasSize(SlackPayload.MAX_BLOCKS);
    assertThat(blocks.get(48).get("text").get("text").asText()).contains("CVE-2024-1048");
    assertThat(blocks.get(49).get("text").get("text").asText()).isEqualTo("…and 12 more");
  }

  @Test
  void asManyFindingsAsFitAreAllShownWithoutAndMore() throws IOException {
    List<NotifiedFinding> findings =
        IntStream.rangeClosed(1, 49).mapToObj(i -> critical("CVE-2024-" + (1000 + i))).toList();

    JsonNode blocks = slack(new NewFindings(NOW, findings)).get("blocks");

    assertThat(blocks).hasSize(50);
    assertThat(blocks.get(49).get("text").get("text").asText()).contains("CVE-2024-1049");
  }

  @Test
  void hostileValuesAreEscapedAndCutSoThatSectionsStayWithinSlacksLimit() throws IOException {
    String mention = "<!channel> & <https://evil.example|click>";
    List<String> aliases = new ArrayList<>();
    IntStream.range(0, 1000).forEach(i -> aliases.add("<!here>".repeat(50)));
    NotifiedFinding hostile =
        new NotifiedFinding(
            mention,
            aliases,
            Severity.CRITICAL,
            "<".repeat(10_000),
            "&".repeat(10_000),
            "`>`".repeat(1000),
            "\n".repeat(5000),
            "repo`<!channel>`".repeat(500),
            "sha256:" + "<".repeat(5000),
            TestFindings.FIRST_SEEN,
            null);

    JsonNode root = slack(new NewFindings(NOW, List.of(hostile)));

    String text = root.get("blocks").get(1).get("text").get("text").asText();
    assertThat(text.length()).isLessThanOrEqualTo(SlackPayload.MAX_SECTION_TEXT);
    assertThat(text).doesNotContain("<!channel>", "<!here>", "<https://evil");
    assertThat(text).contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
    assertThat(text).contains(", +995)");
    assertThat(root.get("text").asText()).doesNotContain("<");
  }

  @Test
  void escapingNeverCutsAnEntityInHalf() {
    assertThat(SlackPayload.text("ab<cd", 5)).isEqualTo("ab…");
    assertThat(SlackPayload.text("ab<", 6)).isEqualTo("ab&lt;");
    assertThat(SlackPayload.text("abcde", 5)).isEqualTo("abcde");
    assertThat(SlackPayload.text("abcdef", 5)).isEqualTo("abcd…");
  }

  @Test
  void overdueFindingSaysByHowLong() throws IOException {
    NotifiedFinding finding = critical("CVE-2024-1234");
    Instant noticed = finding.dueAt().plus(Duration.ofDays(2)).plus(Duration.ofHours(4));

    JsonNode root = slack(new MissedDeadlines(noticed, List.of(finding)));

    assertThat(root.get("blocks").get(0).get("text").get("text").asText())
        .isEqualTo("1 finding past its patch deadline");
    assertThat(root.get("blocks").get(1).get("text").get("text").asText())
        .endsWith("due 2026-12-03 08:00 UTC · *overdue by 2d 4h*");
  }

  @Test
  void summaryShowsCountsMttrAndTheOldestUnpatchedImage() throws IOException {
    DailySummary summary =
        new DailySummary(
            NOW.minus(Duration.ofDays(1)),
            NOW,
            Map.of(Severity.CRITICAL, 2, Severity.HIGH, 9),
            Map.of(Severity.HIGH, 1),
            Map.of(Severity.CRITICAL, Duration.ofHours(30)),
            new DailySummary.OldestUnpatched("registry.example/shop/web", DIGEST, 12));

    JsonNode root = slack(summary);

    assertThat(root.get("text").asText()).isEqualTo("Portcullis: Daily patching summary");
    assertThat(root.get("blocks")).hasSize(2);
    assertThat(root.get("blocks").get(1).get("text").get("text").asText())
        .isEqualTo(
            "*Open:* 2 CRITICAL · 9 HIGH · 0 MEDIUM · 0 LOW\n"
                + "*Overdue:* 0 CRITICAL · 1 HIGH · 0 MEDIUM · 0 LOW\n"
                + "*Mean time to remediation* (2026-12-03 12:30 UTC to 2026-12-04 12:30 UTC):"
                + " CRITICAL 1d 6h · HIGH none fixed · MEDIUM none fixed · LOW none fixed\n"
                + "*Oldest unpatched image:* `registry.example/shop/web` @ `sha256:4f2c1d8e9a0b`,"
                + " 12 days");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(SlackPayload.human(Duration.ofSeconds(20))).isEqualTo("under a minute");
    assertThat(SlackPayload.human(Duration.ofMinutes(45))).isEqualTo("45m");
    assertThat(SlackPayload.human(Duration.ofMinutes(185))).isEqualTo("3h 5m");
    assertThat(SlackPayload.human(Duration.ofDays(3))).isEqualTo("3d");
  }

  private static JsonNode slack(Notification notification) throws IOException {
    return new ObjectMapper().readTree(SlackPayload.of(notification));
  }
}
