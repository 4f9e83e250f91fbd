package dev.portcullis.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.InputException;
import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code portcullis scan … --format json} report submitted by a CI job, read as hostile input. It
 * carries findings but no inventory, so the server records what it says and cannot rescan the image
 * until an inventory of it arrives.
 *
 * @param imageName the scanned source as the CLI named it
 * @param digest the manifest digest, else the config digest
 * @param repoTags the image's {@code REPO:TAG} names, where the source had them
 * @param complete whether every finding is listed: a report filtered by severity or fix is not
 */
public record ReportSubmission(
    String imageName,
    String digest,
    List<String> repoTags,
    Instant databaseUpdatedAt,
    boolean failed,
    List<ObservedFinding> findings,
    boolean complete) {

  private static final int MAX_FINDINGS = 100_000;

  public ReportSubmission {
    repoTags = List.copyOf(repoTags);
    findings = List.copyOf(findings);
  }

  /**
   * Reads the report from its JSON, parsed once by the caller to see what it is; a one-line error
   * names what is wrong.
   */
  public static ReportSubmission read(JsonNode report) throws InputException {
    if (!"portcullis".equals(report.path("tool").asText())
        || report.path("schemaVersion").asInt() != 1) {
      throw new InputException(
          "the scan report: a 'portcullis scan --format json' report of schemaVersion 1 is expected");
    }
    if (!textList(report.path("scanners"), "scanners").contains("vuln")) {
      throw new InputException(
          "the scan report: it did not look for vulnerabilities (scanners has no 'vuln')");
    }
    JsonNode image = report.path("image");
    String digest = text(image, "manifestDigest");
    if (digest == null) {
      digest = text(image, "configDigest");
    }
    if (digest == null) {
      throw new InputException(
          "the scan report: image.manifestDigest or image.configDigest is missing");
    }
    JsonNode findings = report.path("findings");
    JsonNode suppressed = report.path("suppressed");
    if (!findings.isArray()) {
      throw new InputException("the scan report: findings must be a list");
    }
    if (findings.size() + suppressed.size() > MAX_FINDINGS) {
      throw new InputException("the scan report: more than " + MAX_FINDINGS + " findings");
    }
    List<ObservedFinding> observed = new ArrayList<>();
    for (JsonNode finding : findings) {
      observed.add(finding(finding, null));
    }
    if (suppressed.isArray()) {
      for (JsonNode suppression : suppressed) {
        observed.add(finding(suppression.path("finding"), expiry(suppression)));
      }
    }
    JsonNode gate = report.path("gate");
    return new ReportSubmission(
        text(image, "name"),
        digest,
        textList(image.path("repoTags"), "image.repoTags"),
        instant(report, "databaseUpdatedAt"),
        gate.path("failed").asBoolean(false),
        observed,
        gate.path("filteredOut").asInt(0) == 0);
  }

  private static ObservedFinding finding(JsonNode node, Instant exceptedUntil)
      throws InputException {
    String id = required(node, "vulnerabilityId");
    String severity = required(node, "severity");
    Severity rated;
    try {
      rated = Severity.named(severity);
    } catch (IllegalArgumentException e) {
      throw new InputException("the scan report: finding " + id + " has an unknown severity");
    }
    JsonNode fixed = node.path("fixedVersions");
    return new ObservedFinding(
        id,
        textList(node.path("aliases"), "aliases"),
        required(node, "packageName"),
        required(node, "ecosystem"),
        text(node, "installedVersion"),
        fixed.isArray() && fixed.size() > 0 ? fixed.get(0).asText() : null,
        text(node, "title"),
        rated,
        exceptedUntil);
  }

  /** A policy exception's expiry date ends at the end of that day, UTC. */
  private static Instant expiry(JsonNode suppression) throws InputException {
    String expires = text(suppression, "expires");
    if (expires == null) {
      return ObservedFinding.FOREVER;
    }
    try {
      return LocalDate.parse(expires).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new InputException("the scan report: an exception's expires is not a date: " + expires);
    }
  }

  private static Instant instant(JsonNode node, String field) throws InputException {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InputException("the scan report: " + field + " is not an ISO-8601 time");
    }
  }

  private static String required(JsonNode node, String field) throws InputException {
    String text = text(node, field);
    if (text == null || text.isBlank()) {
      throw new InputException("the scan report: a finding has no " + field);
    }
    return text;
  }

  private static String text(JsonNode node, String field) throws InputException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InputException("the scan report: " + field + " must be a string");
    }
    return value.asText();
  }

  private static List<String> textList(JsonNode node, String field) throws InputException {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InputException("the scan report: " + field + " must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.isTextual()) {
        throw new InputException("the scan report: " + field + " must be a list of strings");
      }
      values.add(value.asText());
    }
    return values;
  }
}
