package dev.portcullis.report;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.policy.GateResult;
import java.time.Instant;

/**
 * Everything a scan report shows: what was scanned, what the gate reported, and how current the
 * vulnerability data was.
 *
 * @param databaseUpdatedAt when the vulnerability database was last updated, or null if unknown
 * @param vulnerabilitiesScanned whether packages were matched against advisories: a report of a
 *     scan that did not must not show "no vulnerabilities"
 * @param secretsScanned whether files were searched for secrets
 * @param baseImageUpdate the newest compatible build of the base image and the base findings it
 *     fixes; null where that was not asked, or the base is not known
 */
public record ScanReport(
    Inventory inventory,
    GateResult gate,
    Instant databaseUpdatedAt,
    boolean vulnerabilitiesScanned,
    boolean secretsScanned,
    BaseImageUpdate baseImageUpdate) {

  /** A report that says nothing of a newer base image. */
  public ScanReport(
      Inventory inventory,
      GateResult gate,
      Instant databaseUpdatedAt,
      boolean vulnerabilitiesScanned,
      boolean secretsScanned) {
    this(inventory, gate, databaseUpdatedAt, vulnerabilitiesScanned, secretsScanned, null);
  }
}
