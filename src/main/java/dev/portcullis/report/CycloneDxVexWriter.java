package dev.portcullis.report;

import dev.portcullis.inventory.Package;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixingAdvisory;
import dev.portcullis.policy.Suppression;
import dev.portcullis.vulndb.SeverityRating;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis;
import org.cyclonedx.model.vulnerability.Vulnerability.Rating;

/**
 * A scan as CycloneDX 1.6 with vulnerabilities (VEX): the image's BOM, then one entry per
 * vulnerability with its ratings and source, the packages it affects, and for suppressed ones the
 * analysis: VEX-declared {@code not_affected}, or an accepted risk ({@code exploitable}, {@code
 * will_not_fix}) with the exception's reason, owner and expiry.
 */
final class CycloneDxVexWriter implements ScanReportWriter {

  @Override
  public void write(ScanReport report, ToolInfo tool, OutputStream out) throws IOException {
    Bom bom = CycloneDxWriter.bom(report.inventory(), tool);
    Map<Package, String> bomRefs = bomRefsByPackage(report.inventory().packages());
    Map<String, Vulnerability> byId = new LinkedHashMap<>();
    for (Finding finding : report.gate().reported()) {
      entry(byId, finding).getAffects().add(affect(finding, bomRefs));
    }
    for (Suppression suppression : report.gate().suppressed()) {
      Vulnerability vulnerability = new Vulnerability();
      fill(vulnerability, suppression.finding());
      String ref = bomRef(suppression.finding(), bomRefs);
      vulnerability.setBomRef(vulnerability.getId() + "#" + ref);
      vulnerability.getAffects().add(affect(suppression.finding(), bomRefs));
      vulnerability.setAnalysis(analysis(suppression));
      byId.put(vulnerability.getBomRef(), vulnerability);
    }
    bom.setVulnerabilities(new ArrayList<>(byId.values()));
    int secrets = report.gate().secrets().size();
    if (secrets > 0) {
      // CycloneDX has no place for secrets; the reader must not take their absence for none.
      List<Property> properties = new ArrayList<>();
      if (bom.getMetadata().getProperties() != null) {
        properties.addAll(bom.getMetadata().getProperties());
      }
      properties.add(
          CycloneDxWriter.property(
              "warning",
              secrets
                  + " secrets were found, which CycloneDX cannot carry; see them with --format"
                  + " table, json or sarif"));
      bom.getMetadata().setProperties(properties);
    }
    CycloneDxWriter.writeJson(bom, out);
  }

  private static Vulnerability entry(Map<String, Vulnerability> byId, Finding finding) {
    return byId.computeIfAbsent(
        finding.vulnerabilityId(),
        id -> {
          Vulnerability vulnerability = new Vulnerability();
          fill(vulnerability, finding);
          vulnerability.setBomRef(id);
          return vulnerability;
        });
  }

  private static void fill(Vulnerability vulnerability, Finding finding) {
    vulnerability.setId(finding.vulnerabilityId());
    Vulnerability.Source source = new Vulnerability.Source();
    source.setName("OSV");
    source.setUrl("https://osv.dev/vulnerability/" + finding.vulnerabilityId());
    vulnerability.setSource(source);
    // The same vulnerability under its other names (the GHSA of a CVE), as CycloneDX links them.
    for (String alias : finding.aliases()) {
      Vulnerability.Source aliasSource = new Vulnerability.Source();
      aliasSource.setName("OSV");
      aliasSource.setUrl("https://osv.dev/vulnerability/" + alias);
      Vulnerability.Reference reference = new Vulnerability.Reference();
      reference.setId(alias);
      reference.setSource(aliasSource);
      vulnerability.addReference(reference);
    }
    // An advisory fixing several CVEs at once (a Debian DSA), folded into this CVE's finding.
    for (FixingAdvisory fixing : finding.advisories()) {
      Vulnerability.Advisory advisory = new Vulnerability.Advisory();
      advisory.setTitle(
          fixing.fixedVersions().isEmpty()
              ? fixing.id()
              : fixing.id() + ": fixed in " + String.join(", ", fixing.fixedVersions()));
      advisory.setUrl("https://osv.dev/vulnerability/" + fixing.id());
      vulnerability.addAdvisory(advisory);
    }
    vulnerability.setRatings(new ArrayList<>(List.of(rating(finding.severity()))));
    if (finding.title() != null) {
      vulnerability.setDescription(finding.title());
    }
    if (!finding.fixedVersions().isEmpty()) {
      vulnerability.setRecommendation("Upgrade to " + String.join(" or ", finding.fixedVersions()));
    }
    vulnerability.setAffects(new ArrayList<>());
  }

  private static Rating rating(SeverityRating severity) {
    Rating rating = new Rating();
    rating.setSeverity(Rating.Severity.valueOf(severity.severity().name()));
    if (!Double.isNaN(severity.score())) {
      rating.setScore(severity.score());
    }
    String vector = severity.vector();
    if (vector != null) {
      rating.setVector(vector);
      rating.setMethod(
          vector.startsWith("CVSS:4")
              ? Rating.Method.CVSSV4
              : vector.startsWith("CVSS:3.1")
                  ? Rating.Method.CVSSV31
                  : vector.startsWith("CVSS:3") ? Rating.Method.CVSSV3 : Rating.Method.CVSSV2);
    } else {
      rating.setMethod(Rating.Method.OTHER);
    }
    return rating;
  }

  /** The component of each copy of a package; copies equal in every field are one. */
  private static Map<Package, String> bomRefsByPackage(List<Package> packages) {
    List<String> refs = CycloneDxWriter.bomRefs(packages);
    Map<Package, String> byPackage = new HashMap<>();
    for (int i = 0; i < packages.size(); i++) {
      byPackage.putIfAbsent(packages.get(i), refs.get(i));
    }
    return byPackage;
  }

  private static String bomRef(Finding finding, Map<Package, String> bomRefs) {
    return bomRefs.getOrDefault(finding.pkg(), finding.pkg().purl());
  }

  /** The affected copy: the component of the file the package was found in. */
  private static Vulnerability.Affect affect(Finding finding, Map<Package, String> bomRefs) {
    Vulnerability.Affect affect = new Vulnerability.Affect();
    affect.setRef(bomRef(finding, bomRefs));
    return affect;
  }

  private static Analysis analysis(Suppression suppression) {
    Analysis analysis = new Analysis();
    String reason = suppression.exception().reason();
    if (reason.startsWith("VEX not_affected") || reason.startsWith("VEX false_positive")) {
      analysis.setState(Analysis.State.NOT_AFFECTED);
    } else if (reason.startsWith("VEX ")) {
      analysis.setState(Analysis.State.RESOLVED);
    } else {
      analysis.setState(Analysis.State.EXPLOITABLE);
      analysis.setResponses(new ArrayList<>(List.of(Analysis.Response.WILL_NOT_FIX)));
    }
    String expires =
        suppression.exception().expires() == null
            ? ""
            : ", until " + suppression.exception().expires();
    analysis.setDetail(reason + " (owner " + suppression.exception().owner() + expires + ")");
    return analysis;
  }
}
