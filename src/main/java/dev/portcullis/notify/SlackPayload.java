package dev.portcullis.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.vulndb.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Slack incoming-webhook body: {@code text} (the notification's fallback) and Block Kit {@code
 * blocks}. Every value comes from scanned images and is hostile: it is escaped for mrkdwn (so that
 * {@code <!channel>} stays text) and cut to length, so that a message stays within Slack's limits
 * whatever the input.
 */
final class SlackPayload {

  /** Slack's limits for a message: blocks, a section's text, a header's text. */
  static final int MAX_BLOCKS = 50;

  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_HEADER_TEXT = 150;

  private static final int MAX_ALIASES = 5;
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackPayload() {}

  static byte[] of(Notification notification) {
    ObjectNode root = JSON.createObjectNode();
    List<String> sections = new ArrayList<>();
    String title;
    if (notification instanceof NewFindings n) {
      title = count(n.findings().size(), "new vulnerability", "new vulnerabilities");
      n.findings().forEach(finding -> sections.add(finding(finding, null)));
    } else if (notification instanceof MissedDeadlines m) {
      title =
          count(m.findings().size(), "finding", "findings")
              + " past "
              + (m.findings().size() == 1 ? "its" : "their")
              + " patch deadline";
      m.findings().forEach(finding -> sections.add(finding(finding, m.overdueBy(finding))));
    } else {
      DailySummary summary = (DailySummary) notification;
      title = "Daily patching summary";
      sections.add(summary(summary));
    }
    root.put(
        "text",
        text(
            "Portcullis: "
                + title
                + (notification instanceof DailySummary
                    ? ""
                    : " (" + bySeverity(notification) + ")"),
            MAX_HEADER_TEXT * 4));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    ObjectNode headerText = header.putObject("text");
    headerText.put("type", "plain_text");
    headerText.put("text", clip(title, MAX_HEADER_TEXT));
    int room = MAX_BLOCKS - 1;
    int shown = sections.size() <= room ? sections.size() : room - 1;
    for (String section : sections.subList(0, shown)) {
      addSection(blocks, section);
    }
    if (shown < sections.size()) {
      addSection(blocks, "…and " + (sections.size() - shown) + " more");
    }
    return JsonPayload.bytes(root);
  }

  private static void addSection(ArrayNode blocks, String mrkdwn) {
    ObjectNode section = blocks.addObject();
    section.put("type", "section");
    ObjectNode text = section.putObject("text");
    text.put("type", "mrkdwn");
    text.put("text", mrkdwn);
  }

  /** One finding in at most about 1,500 characters, far below a section's 3,000. */
  private static String finding(NotifiedFinding finding, Duration overdueBy) {
    StringBuilder text = new StringBuilder();
    text.append('*').append(finding.severity().name()).append("* ");
    text.append(vulnerability(finding.vulnerabilityId()));
    List<String> aliases = finding.aliases();
    if (!aliases.isEmpty()) {
      List<String> shown = new ArrayList<>();
      aliases.stream().limit(MAX_ALIASES).forEach(alias -> shown.add(text(alias, 60)));
      text.append(" (").append(String.join(", ", shown));
      if (aliases.size() > MAX_ALIASES) {
        text.append(", +").append(aliases.size() - MAX_ALIASES);
      }
      text.append(')');
    }
    text.append('\n').append(code(finding.packageName(), 120));
    text.append(' ').append(text(finding.packageVersion(), 80));
    text.append(" (").append(text(finding.ecosystem(), 40)).append(')');
    text.append(
        finding.fixedVersion() == null
            ? ", no fixed version yet"
            : ", fixed in " + text(finding.fixedVersion(), 80));
    text.append('\n').append(code(finding.repository(), 160));
    text.append(" @ ").append(code(shortDigest(finding.imageDigest()), 40));
    text.append("\nfirst seen ").append(WHEN.format(finding.firstSeen()));
    if (finding.dueAt() != null) {
      text.append(" · due ").append(WHEN.format(finding.dueAt()));
    }
    if (overdueBy != null) {
      text.append(" · *overdue by ").append(human(overdueBy)).append('*');
    }
    return text.toString();
  }

  private static String summary(DailySummary summary) {
    StringBuilder text = new StringBuilder();
    text.append("*Open:* ").append(counts(summary.open()));
    text.append("\n*Overdue:* ").append(counts(summary.overdue()));
    text.append("\n*Mean time to remediation* (")
        .append(WHEN.format(summary.windowStart()))
        .append(" to ")
        .append(WHEN.format(summary.windowEnd()))
        .append("): ");
    List<String> mttr = new ArrayList<>();
    for (Severity severity :
        List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      Duration duration = summary.mttr().get(severity);
      mttr.add(severity.name() + " " + (duration == null ? "none fixed" : human(duration)));
    }
    text.append(String.join(" · ", mttr));
    DailySummary.OldestUnpatched oldest = summary.oldestUnpatched();
    text.append("\n*Oldest unpatched image:* ");
    if (oldest == null) {
      text.append("none");
    } else {
      text.append(code(oldest.repository(), 160))
          .append(" @ ")
          .append(code(shortDigest(oldest.imageDigest()), 40))
          .append(", ")
          .append(count(oldest.ageDays(), "day", "days"));
    }
    return text.toString();
  }

  private static String counts(Map<Severity, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Severity severity :
        List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      parts.add(counts.getOrDefault(severity, 0) + " " + severity.name());
    }
    int unknown = counts.getOrDefault(Severity.UNKNOWN, 0);
    if (unknown > 0) {
      parts.add(unknown + " UNKNOWN");
    }
    return String.join(" · ", parts);
  }

  private static String bySeverity(Notification notification) {
    List<NotifiedFinding> findings =
        notification instanceof NewFindings n
            ? n.findings()
            : ((MissedDeadlines) notification).findings();
    List<String> parts = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      long count = findings.stream().filter(f -> f.severity() == severity).count();
      if (count > 0) {
        parts.add(count + " " + severity.name());
      }
    }
    return String.join(", ", parts);
  }

  /** A link to the vulnerability on osv.dev where the id is a plain id, else the escaped text. */
  private static String vulnerability(String id) {
    if (!PLAIN_ID.matcher(id).matches()) {
      return text(id, 80);
    }
    return "<https://osv.dev/vulnerability/"
        + URLEncoder.encode(id, StandardCharsets.UTF_8)
        + "|"
        + id
        + ">";
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  /** Inline code; a backtick in the value would end the code span early, so it is dropped. */
  private static String code(String value, int max) {
    return "`" + text(value.replace("`", ""), max) + "`";
  }

  /**
   * Escaped for mrkdwn (Slack's three: &amp;, &lt;, &gt;) and at most {@code max} characters long,
   * counted after escaping, never cutting an escape in half.
   */
  static String text(String value, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String piece =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\n', '\r', '\t' -> " ";
            default -> String.valueOf(c);
          };
      boolean last = i == value.length() - 1;
      if (out.length() + piece.length() > (last ? max : max - 1)) {
        return out.append('…').toString();
      }
      out.append(piece);
    }
    return out.toString();
  }

  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** A duration as people read it: 2d 4h, 3h 5m, 45m, under a minute. */
  static String human(Duration duration) {
    long days = duration.toDays();
    long hours = duration.toHoursPart();
    long minutes = duration.toMinutesPart();
    if (days > 0) {
      return days + "d" + (hours > 0 ? " " + hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
    }
    return minutes > 0 ? minutes + "m" : "under a minute";
  }
}
