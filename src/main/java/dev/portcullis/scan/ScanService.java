package dev.portcullis.scan;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.match.Finding;
import dev.portcullis.match.Matcher;
import dev.portcullis.match.OsCoverage;
import dev.portcullis.policy.GateResult;
import dev.portcullis.report.ScanReport;
import dev.portcullis.secret.SecretScanner;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scan pipeline, one for every caller: the database, the target's inventory, OS coverage,
 * matching, and the gate. The command line and the server are adapters over it.
 */
public final class ScanService {

  private final Clock clock;
  private final Duration databaseMaxAge;

  /**
   * @param clock the time a database's age is measured at
   * @param databaseMaxAge older databases are told to the listener
   */
  public ScanService(Clock clock, Duration databaseMaxAge) {
    this.clock = clock;
    this.databaseMaxAge = databaseMaxAge;
  }

  /** Runs one scan; the report holds the inventory, the gate's decision and the database's age. */
  public ScanReport scan(ScanRequest request, ScanListener listener) throws IOException {
    if (!request.vulnerabilities()) {
      Inventory inventory = request.target().read(false, secrets(request));
      return decide(request, inventory, List.of(), null, false);
    }
    try (VulnerabilityDatabase database = VulnerabilityDatabase.open(request.database())) {
      return scan(request, listener, database);
    }
  }

  /**
   * Runs one scan against a database the caller holds open, so that many scans (a rescan of every
   * image) share one handle and its page cache instead of opening the file each time. The request's
   * own database path is not read; the handle is not closed.
   */
  public ScanReport scan(ScanRequest request, ScanListener listener, VulnerabilityDatabase database)
      throws IOException {
    Instant updated = database.updatedAt();
    if (updated != null) {
      Duration age = Duration.between(updated, clock.instant());
      if (age.compareTo(databaseMaxAge) > 0) {
        listener.databaseIsOld(age);
      }
    }
    Inventory inventory = request.target().read(true, secrets(request));
    Optional<String> unchecked = OsCoverage.uncheckedPackages(inventory);
    if (unchecked.isEmpty()) {
      unchecked = OsCoverage.notInDatabase(inventory, database);
    }
    if (unchecked.isPresent()) {
      listener.packagesUnchecked(unchecked.get());
      inventory = inventory.withWarning(unchecked.get());
    }
    List<Finding> findings =
        new Matcher(database, request.checkOsOwnedLibraries()).match(inventory);
    return decide(request, inventory, findings, updated, true);
  }

  private static SecretScanner secrets(ScanRequest request) {
    return request.secrets()
        ? new SecretScanner(request.policy().secretSettings().ruleSet())
        : null;
  }

  private static ScanReport decide(
      ScanRequest request,
      Inventory inventory,
      List<Finding> findings,
      Instant databaseUpdatedAt,
      boolean vulnerabilitiesScanned) {
    List<String> imageNames = new ArrayList<>(inventory.image().repoTags());
    imageNames.add(inventory.image().name());
    GateResult result = request.gate().decide(findings, inventory.secrets(), imageNames);
    return new ScanReport(
        inventory, result, databaseUpdatedAt, vulnerabilitiesScanned, request.secrets());
  }
}
