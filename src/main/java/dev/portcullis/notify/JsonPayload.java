package dev.portcullis.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.vulndb.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON webhook payload, schema version 1, as docs/notifications.md documents it. Field names
 * are written out here, not derived from the records, so that renaming a record component cannot
 * change the schema.
 */
final class JsonPayload {

  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonPayload() {}

  /** The payload's body, with its id. */
  static Payload of(Notification notification) {
    JsonNode content = content(notification);
    String id = id(notification.event(), content);
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("event", notification.event());
    root.put("id", id);
    root.put("occurredAt", time(notification.occurredAt()));
    root.set(notification instanceof DailySummary ? "summary" : "findings", content);
    return new Payload(id, bytes(root));
  }

  /**
   * The same event gives the same id, so a receiver can drop a repeat (a retry whose first attempt
   * arrived but whose answer was lost).
   */
  static String id(Notification notification) {
    return id(notification.event(), content(notification));
  }

  private static JsonNode content(Notification notification) {
    // Java 17 has no pattern switch; the interface is sealed, so these three are all there is.
    if (notification instanceof NewFindings n) {
      return findings(n.findings(), null);
    }
    if (notification instanceof MissedDeadlines m) {
      return findings(m.findings(), m);
    }
    return summary((DailySummary) notification);
  }

  private static ArrayNode findings(List<NotifiedFinding> findings, MissedDeadlines overdue) {
    ArrayNode array = JSON.createArrayNode();
    for (NotifiedFinding finding : findings) {
      ObjectNode node = array.addObject();
      node.put("vulnerabilityId", finding.vulnerabilityId());
      ArrayNode aliases = node.putArray("aliases");
      finding.aliases().forEach(aliases::add);
      node.put("severity", finding.severity().name());
      ObjectNode pkg = node.putObject("package");
      pkg.put("name", finding.packageName());
      pkg.put("version", finding.packageVersion());
      pkg.put("ecosystem", finding.ecosystem());
      node.put("fixedVersion", finding.fixedVersion());
      node.put("repository", finding.repository());
      node.put("imageDigest", finding.imageDigest());
      node.put("firstSeen", time(finding.firstSeen()));
      node.put("dueAt", finding.dueAt() == null ? null : time(finding.dueAt()));
      if (overdue != null) {
        node.put("overdueSeconds", overdue.overdueBy(finding).toSeconds());
      }
    }
    return array;
  }

  private static ObjectNode summary(DailySummary summary) {
    ObjectNode node = JSON.createObjectNode();
    node.put("windowStart", time(summary.windowStart()));
    node.put("windowEnd", time(summary.windowEnd()));
    node.set("open", counts(summary.open()));
    node.set("overdue", counts(summary.overdue()));
    ObjectNode mttr = node.putObject("mttrSeconds");
    for (Severity severity : Severity.values()) {
      Duration duration = summary.mttr().get(severity);
      mttr.put(severity.name(), duration == null ? null : duration.toSeconds());
    }
    DailySummary.OldestUnpatched oldest = summary.oldestUnpatched();
    if (oldest == null) {
      node.putNull("oldestUnpatchedImage");
    } else {
      ObjectNode image = node.putObject("oldestUnpatchedImage");
      image.put("repository", oldest.repository());
      image.put("imageDigest", oldest.imageDigest());
      image.put("ageDays", oldest.ageDays());
    }
    return node;
  }

  /** Every severity, most severe first, so that a receiver never meets a missing key. */
  private static ObjectNode counts(Map<Severity, Integer> counts) {
    ObjectNode node = JSON.createObjectNode();
    for (Severity severity : Severity.values()) {
      node.put(severity.name(), counts.getOrDefault(severity, 0));
    }
    return node;
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String id(String event, JsonNode content) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(event.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(bytes(content));
      return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
