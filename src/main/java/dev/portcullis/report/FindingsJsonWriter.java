package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.InstalledBy;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.Origin;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixingAdvisory;
import dev.portcullis.policy.Suppression;
import dev.portcullis.policy.VulnerabilityException;
import dev.portcullis.secret.SecretMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Portcullis' JSON scan report: the target, the gate's decision and every reported finding. */
final class FindingsJsonWriter implements ScanReportWriter {

  static final int SCHEMA_VERSION = 1;

  private final ReportJson json = new ReportJson();

  /** The document's top level. */
  record Document(
      int schemaVersion,
      String tool,
      String toolVersion,
      String createdAt,
      ImageInfo image,
      OsRelease os,
      JsonAttribution attribution,
      JsonBaseImageUpdate baseImageUpdate,
      String databaseUpdatedAt,
      List<String> scanners,
      Gate gate,
      List<JsonFinding> findings,
      List<JsonSecret> secrets,
      List<JsonSuppression> suppressed,
      List<JsonSuppression> expiredExceptions,
      List<String> warnings) {}

  /** A finding with the exception that names it. */
  record JsonSuppression(
      JsonFinding finding,
      String exceptionId,
      String reason,
      String owner,
      String expires,
      String origin) {

    static JsonSuppression of(Suppression s, Attribution attribution, BaseImageUpdate update) {
      VulnerabilityException e = s.exception();
      return new JsonSuppression(
          JsonFinding.of(s.finding(), attribution, update),
          e.id(),
          e.reason(),
          e.owner(),
          e.expires() == null ? null : e.expires().toString(),
          e.origin());
    }
  }

  /**
   * The newest compatible build of the base image and how many of the base's findings it fixes, or
   * why none is known.
   */
  record JsonBaseImageUpdate(
      String image, String tag, String digest, Integer fixes, String problem) {

    static JsonBaseImageUpdate of(BaseImageUpdate u, List<Finding> reported) {
      if (u == null) {
        return null;
      }
      if (!u.found()) {
        return new JsonBaseImageUpdate(null, null, null, null, u.problem());
      }
      return new JsonBaseImageUpdate(
          u.image(), u.tag(), u.digest(), (int) reported.stream().filter(u::fixes).count(), null);
    }
  }

  /** The gate's decision. */
  record Gate(boolean failed, int exitCode, int reported, int secrets, int filteredOut) {}

  /**
   * A secret, masked, with where it is: a file of a layer, or a field of the image config.
   *
   * @param state live, deleted (a later layer removed the file) or overwritten
   */
  record JsonSecret(
      String ruleId,
      String category,
      String title,
      String severity,
      String target,
      int line,
      String match,
      Integer layer,
      String layerDiffId,
      String layerCreatedBy,
      String state) {

    static JsonSecret of(SecretFinding s) {
      SecretMatch m = s.match();
      LayerInfo layer = s.layer();
      return new JsonSecret(
          m.ruleId(),
          m.category(),
          m.title(),
          m.severity().name(),
          s.target(),
          m.line(),
          m.match(),
          layer == null ? null : layer.index(),
          layer == null ? null : layer.diffId(),
          layer == null ? null : layer.createdBy(),
          s.visibility().label());
    }
  }

  /** One finding, flattened for readers of the JSON. */
  record JsonFinding(
      String vulnerabilityId,
      List<String> aliases,
      String packageName,
      String installedVersion,
      String purl,
      String foundIn,
      String ownedBy,
      String ecosystem,
      String status,
      List<String> fixedVersions,
      List<FixingAdvisory> advisories,
      String severity,
      Double score,
      String vector,
      String severitySource,
      String title,
      Integer layer,
      String layerDiffId,
      String origin,
      String fixedByBaseImage,
      String installedBy,
      String note) {

    static JsonFinding of(Finding f, Attribution attribution) {
      return of(f, attribution, null);
    }

    /**
     * @param attribution which layers are the base image's; null where not asked (no origin)
     * @param update the newer base image; null where not known
     */
    static JsonFinding of(Finding f, Attribution attribution, BaseImageUpdate update) {
      double score = f.severity().score();
      return new JsonFinding(
          f.vulnerabilityId(),
          f.aliases(),
          f.pkg().name(),
          f.pkg().version(),
          f.pkg().purl(),
          f.pkg().foundIn(),
          f.pkg().ownedBy(),
          f.ecosystem(),
          f.status().name(),
          f.fixedVersions(),
          // Absent where no advisory fixes it among others, as most findings.
          f.advisories().isEmpty() ? null : f.advisories(),
          f.severity().severity().name(),
          Double.isNaN(score) ? null : score,
          f.severity().vector(),
          f.severity().source(),
          f.title(),
          f.pkg().layer() == null ? null : f.pkg().layer().index(),
          f.pkg().layer() == null ? null : f.pkg().layer().diffId(),
          attribution == null ? null : attribution.originOf(f.pkg().layer()).label(),
          update != null && update.fixes(f) && attribution.originOf(f.pkg().layer()) == Origin.BASE
              ? update.image() + "@" + update.digest()
              : null,
          attribution != null && attribution.originOf(f.pkg().layer()) == Origin.APPLICATION
              ? InstalledBy.describe(f.pkg())
              : null,
          f.note());
    }
  }

  /** What was looked for, named as {@code --scanners} names it. */
  private static List<String> scanners(ScanReport report) {
    List<String> scanners = new ArrayList<>();
    if (report.vulnerabilitiesScanned()) {
      scanners.add("vuln");
    }
    if (report.secretsScanned()) {
      scanners.add("secret");
    }
    return scanners;
  }

  @Override
  public void write(ScanReport report, ToolInfo tool, OutputStream out) throws IOException {
    Attribution attribution = report.inventory().attribution();
    BaseImageUpdate update = report.baseImageUpdate();
    Document document =
        new Document(
            SCHEMA_VERSION,
            tool.name(),
            tool.version(),
            tool.created().toString(),
            report.inventory().image(),
            report.inventory().os(),
            JsonAttribution.of(attribution),
            JsonBaseImageUpdate.of(update, report.gate().reported()),
            report.databaseUpdatedAt() == null ? null : report.databaseUpdatedAt().toString(),
            scanners(report),
            new Gate(
                report.gate().failed(),
                report.gate().exitCode(),
                report.gate().reported().size(),
                report.gate().secrets().size(),
                report.gate().filteredOut()),
            report.gate().reported().stream()
                .map(f -> JsonFinding.of(f, attribution, update))
                .toList(),
            report.gate().secrets().stream().map(JsonSecret::of).toList(),
            report.gate().suppressed().stream()
                .map(s -> JsonSuppression.of(s, attribution, update))
                .toList(),
            report.gate().expired().stream()
                .map(s -> JsonSuppression.of(s, attribution, update))
                .toList(),
            report.inventory().warnings());
    json.write(document, out);
  }
}
