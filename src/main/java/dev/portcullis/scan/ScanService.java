package dev.portcullis.scan;

import dev.portcullis.baseimage.VulnerabilityDelta;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Origin;
import dev.portcullis.match.Finding;
import dev.portcullis.match.Matcher;
import dev.portcullis.match.OsCoverage;
import dev.portcullis.policy.GateResult;
import dev.portcullis.report.BaseImageUpdate;
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
import java.util.Set;
import java.util.stream.Collectors;

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
    Matcher matcher = new Matcher(database, request.checkOsOwnedLibraries());
    List<Finding> findings = matcher.match(inventory);
    ScanReport report = decide(request, inventory, findings, updated, true);
    BaseImageUpdate update = baseImageUpdate(request, inventory, findings, matcher);
    return update == null
        ? report
        : new ScanReport(
            report.inventory(),
            report.gate(),
            report.databaseUpdatedAt(),
            report.vulnerabilitiesScanned(),
            report.secretsScanned(),
            update);
  }

  /**
   * Which of the findings that came with the base image its newest compatible build no longer has,
   * as {@code base-image check --scan} tells it: the image's own base findings are the current
   * base's, so only the newer base is read, once. Null where the base is not named (unknown, a
   * guess, scratch) or no one asked; a newer base that cannot be read says why.
   */
  private static BaseImageUpdate baseImageUpdate(
      ScanRequest request, Inventory inventory, List<Finding> findings, Matcher matcher) {
    Attribution attribution = inventory.attribution();
    if (request.baseImageUpdates() == null
        || attribution == null
        || !attribution.isKnown()
        || attribution.isGuess()
        || attribution.baseDiffIds().isEmpty()
        || attribution.baseImage() == null) {
      return null;
    }
    Optional<BaseImageUpdates.NewerBase> newer;
    List<Finding> after;
    try {
      newer = request.baseImageUpdates().newest(attribution);
      after = newer.isEmpty() ? List.of() : matcher.match(newer.get().inventory());
    } catch (IOException e) {
      return BaseImageUpdate.notFound(
          "the newest build of "
              + attribution.baseImage()
              + " could not be read: "
              + e.getMessage());
    }
    if (newer.isEmpty()) {
      return BaseImageUpdate.notFound(
          "no newer compatible tag of "
              + attribution.baseImage()
              + ", and its tag names the same build");
    }
    List<Finding> base =
        findings.stream().filter(f -> inventory.originOf(f.pkg()) == Origin.BASE).toList();
    Set<String> fixed =
        VulnerabilityDelta.between(base, after).removed().stream()
            .map(VulnerabilityDelta::key)
            .collect(Collectors.toSet());
    return new BaseImageUpdate(
        newer.get().image(), newer.get().tag(), newer.get().digest(), fixed, null);
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
