package dev.portcullis.web;

import dev.portcullis.tracking.ExceptionView;
import dev.portcullis.tracking.FindingView;
import dev.portcullis.tracking.RepositoryDigest;
import dev.portcullis.vulndb.StoredVulnerability;
import java.time.Instant;
import java.util.List;

/**
 * One finding: its advisory as the vulnerability database has it, the images that carry it, and the
 * exceptions that cover it.
 *
 * @param advisory null where the database no longer has the record
 */
public record FindingPage(
    Viewer viewer,
    Instant now,
    FindingView finding,
    StoredVulnerability advisory,
    List<RepositoryDigest> images,
    List<ExceptionView> exceptions) {

  public FindingPage {
    images = List.copyOf(images);
    exceptions = List.copyOf(exceptions);
  }

  /** Where to read more: OSV for every id, NVD for a CVE. */
  public List<String> references() {
    String id = finding.vulnerabilityId();
    return id.startsWith("CVE-")
        ? List.of("https://osv.dev/vulnerability/" + id, "https://nvd.nist.gov/vuln/detail/" + id)
        : List.of("https://osv.dev/vulnerability/" + id);
  }
}
