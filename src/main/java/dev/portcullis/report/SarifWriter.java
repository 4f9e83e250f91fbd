package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.InstalledBy;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Origin;
import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.inventory.SecretFinding.Visibility;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.match.FixingAdvisory;
import dev.portcullis.secret.SecretMatch;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per vulnerability (with help text and a
 * {@code security-severity} score), one result per affected copy of a package, located at the file
 * it was read from (a package database, a lockfile, the outermost archive of a nested jar).
 */
final class SarifWriter implements ScanReportWriter {

  private static final String ROOT = "ROOTPATH";

  private final ReportJson json = new ReportJson();

  @Override
  public void write(ScanReport report, ToolInfo tool, OutputStream out) throws IOException {
    SarifFrame frame = SarifFrame.create(json, tool);
    ObjectNode run = frame.run();
    ObjectNode driver = frame.driver();
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (Finding finding : report.gate().reported()) {
      Integer index = ruleIndex.get(finding.vulnerabilityId());
      if (index == null) {
        index = ruleIndex.size();
        ruleIndex.put(finding.vulnerabilityId(), index);
        addRule(rules, finding);
      }
      addResult(results, finding, index, report);
    }
    for (SecretFinding secret : report.gate().secrets()) {
      String ruleId = secret.match().ruleId();
      Integer index = ruleIndex.get(ruleId);
      if (index == null) {
        index = ruleIndex.size();
        ruleIndex.put(ruleId, index);
        addSecretRule(rules, secret.match());
      }
      addSecretResult(results, secret, index);
    }
    // What the scan could not read: SARIF's place for it is the invocation's notifications.
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (String warning : report.inventory().warnings()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "warning");
      notification.putObject("message").put("text", warning);
    }
    run.put("columnKind", "utf16CodeUnits");
    run.putObject("originalUriBaseIds").putObject(ROOT).put("uri", "file:///");
    json.write(frame.document(), out);
  }

  /** "the base image debian:12@sha256:… (annotation)", "the application's layers", "unknown …". */
  private static String origin(Attribution attribution, Finding finding) {
    return switch (attribution.originOf(finding.pkg().layer())) {
      case BASE ->
          attribution.isGuess()
              ? "the base image (a guess from the history)"
              : "the base image "
                  + attribution.describeBase()
                  + " ("
                  + attribution.method().label()
                  + ")";
      case APPLICATION -> "the application's own layers";
      case UNKNOWN ->
          "unknown" + (attribution.isKnown() ? "" : " (" + attribution.unknownReason() + ")");
    };
  }

  private static void addRule(ArrayNode rules, Finding finding) {
    ObjectNode rule = rules.addObject();
    rule.put("id", finding.vulnerabilityId());
    rule.put(
        "name",
        finding.pkg().managedByOs()
            ? "OsPackageVulnerability"
            : "LanguageSpecificPackageVulnerability");
    String title = finding.title() != null ? finding.title() : finding.vulnerabilityId();
    rule.putObject("shortDescription").put("text", title);
    rule.putObject("fullDescription").put("text", title);
    rule.put("helpUri", "https://osv.dev/vulnerability/" + finding.vulnerabilityId());
    String help =
        "Vulnerability "
            + finding.vulnerabilityId()
            + (finding.aliases().isEmpty()
                ? ""
                : " (also " + String.join(", ", finding.aliases()) + ")")
            + "\nSeverity: "
            + finding.severity().severity()
            + " ("
            + finding.severity().source()
            + ")"
            + "\nFixed in: "
            + fixedIn(finding);
    rule.putObject("help").put("text", help).put("markdown", help.replace("\n", "  \n"));
    rule.putObject("defaultConfiguration").put("level", level(finding.severity().severity()));
    ObjectNode properties = rule.putObject("properties");
    properties.put("precision", "very-high");
    double score = finding.severity().score();
    if (!Double.isNaN(score)) {
      properties.put("security-severity", String.format(Locale.ROOT, "%.1f", score));
    } else {
      properties.put("security-severity", defaultScore(finding.severity().severity()));
    }
    properties
        .putArray("tags")
        .add("vulnerability")
        .add("security")
        .add(finding.severity().severity().name());
  }

  /** The fixed versions, or why there are none: none yet, or none planned (and why not). */
  private static String fixedIn(Finding finding) {
    if (!finding.fixedVersions().isEmpty()) {
      return String.join(", ", finding.fixedVersions());
    }
    return finding.status() == FixStatus.WILL_NOT_FIX
        ? "no fix planned (" + finding.note() + ")"
        : "no fix yet";
  }

  /** The advisories that fix several CVEs at once (a Debian DSA) and were folded into this one. */
  private static String fixingAdvisories(Finding finding) {
    StringBuilder text = new StringBuilder();
    for (FixingAdvisory advisory : finding.advisories()) {
      text.append("\nAdvisory: ").append(advisory.id());
      if (!advisory.fixedVersions().isEmpty()) {
        text.append(" (fixed in ").append(String.join(", ", advisory.fixedVersions())).append(')');
      }
    }
    return text.toString();
  }

  private static void addResult(
      ArrayNode results, Finding finding, int ruleIndex, ScanReport report) {
    Inventory inventory = report.inventory();
    BaseImageUpdate update = report.baseImageUpdate();
    boolean fixedByBase =
        update != null && update.fixes(finding) && inventory.originOf(finding.pkg()) == Origin.BASE;
    String target = inventory.image().name();
    Attribution attribution = inventory.attribution();
    ObjectNode result = results.addObject();
    result.put("ruleId", finding.vulnerabilityId());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(finding.severity().severity()));
    result
        .putObject("message")
        .put(
            "text",
            "Package: "
                + finding.pkg().name()
                + "\nInstalled version: "
                + finding.pkg().version()
                + "\nVulnerability: "
                + finding.vulnerabilityId()
                + "\nSeverity: "
                + finding.severity().severity()
                + "\nFixed in: "
                + fixedIn(finding)
                + fixingAdvisories(finding)
                + "\nFound in: /"
                + finding.pkg().foundIn()
                + (finding.pkg().ownedBy() == null
                    ? ""
                    : "\nInstalled by the OS package: " + finding.pkg().ownedBy())
                + (finding.pkg().layer() == null
                    ? ""
                    : "\nLayer: "
                        + finding.pkg().layer().index()
                        + " "
                        + finding.pkg().layer().createdBy())
                + (attribution == null ? "" : "\nOrigin: " + origin(attribution, finding))
                + (fixedByBase ? "\nFixed by updating the base image to " + update.target() : "")
                + (inventory.originOf(finding.pkg()) == Origin.APPLICATION
                    ? "\nInstalled by: " + InstalledBy.describe(finding.pkg())
                    : ""));
    if (attribution != null) {
      ObjectNode properties = result.putObject("properties");
      properties.put("origin", inventory.originOf(finding.pkg()).label());
      if (fixedByBase) {
        properties.put("fixedByBaseImage", update.image() + "@" + update.digest());
      }
    }
    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    physical
        .putObject("artifactLocation")
        .put("uri", finding.pkg().containingFile())
        .put("uriBaseId", ROOT);
    physical
        .putObject("region")
        .put("startLine", 1)
        .put("startColumn", 1)
        .put("endLine", 1)
        .put("endColumn", 1);
    location
        .putObject("message")
        .put(
            "text",
            target
                + ": "
                + finding.pkg().name()
                + "@"
                + finding.pkg().version()
                + " in /"
                + finding.pkg().foundIn());
    // Each copy of a package is its own alert: the file it was found in is part of its identity.
    result
        .putObject("partialFingerprints")
        .put(
            "portcullis/v1",
            finding.vulnerabilityId()
                + "/"
                + finding.pkg().name()
                + "/"
                + finding.pkg().version()
                + "/"
                + finding.pkg().foundIn());
  }

  private static void addSecretRule(ArrayNode rules, SecretMatch secret) {
    ObjectNode rule = rules.addObject();
    rule.put("id", secret.ruleId());
    rule.put("name", "Secret");
    rule.putObject("shortDescription").put("text", secret.title());
    rule.putObject("fullDescription").put("text", secret.title());
    String help =
        "Secret: "
            + secret.title()
            + "\nSeverity: "
            + secret.severity()
            + "\nRemove it from the image (from every layer, not only the last) and rotate it.";
    rule.putObject("help").put("text", help).put("markdown", help.replace("\n", "  \n"));
    rule.putObject("defaultConfiguration").put("level", level(secret.severity()));
    ObjectNode properties = rule.putObject("properties");
    properties.put("precision", "very-high");
    properties.put("security-severity", defaultScore(secret.severity()));
    properties.putArray("tags").add("secret").add("security").add(secret.severity().name());
  }

  private static void addSecretResult(ArrayNode results, SecretFinding secret, int ruleIndex) {
    SecretMatch match = secret.match();
    ObjectNode result = results.addObject();
    result.put("ruleId", match.ruleId());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(match.severity()));
    String where =
        secret.layer() == null
            ? ""
            : "\nLayer: " + secret.layer().index() + " " + secret.layer().createdBy();
    result
        .putObject("message")
        .put(
            "text",
            "Secret: "
                + match.title()
                + "\nSeverity: "
                + match.severity()
                + "\nMatch: "
                + match.match()
                + where
                + (secret.visibility() == Visibility.LIVE
                    ? ""
                    : "\nThe file is "
                        + secret.visibility().label()
                        + " by a later layer,"
                        + " but its layer still ships it."));
    ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
    ObjectNode artifact = physical.putObject("artifactLocation");
    if (secret.target().startsWith("/")) {
      artifact.put("uri", secret.target().substring(1)).put("uriBaseId", ROOT);
    } else {
      artifact.put("uri", secret.target());
    }
    physical
        .putObject("region")
        .put("startLine", match.line())
        .put("startColumn", 1)
        .put("endLine", match.line())
        .put("endColumn", 1);
    result
        .putObject("partialFingerprints")
        .put(
            "portcullis/v1",
            match.ruleId()
                + "/"
                + secret.target()
                + ":"
                + match.line()
                + "/"
                + (secret.layer() == null ? "" : secret.layer().diffId()));
  }

  /** GitHub shows error for HIGH and CRITICAL, warning for MEDIUM, note for the rest. */
  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      default -> "note";
    };
  }

  /** A score in the severity's band, where the advisory gave a word but no vector. */
  private static String defaultScore(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.0";
      case HIGH -> "7.0";
      case MEDIUM -> "4.0";
      case LOW -> "0.1";
      default -> "0.0";
    };
  }
}
