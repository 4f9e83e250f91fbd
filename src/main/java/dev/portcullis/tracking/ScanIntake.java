package dev.portcullis.tracking;

import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.policy.Gate;
import dev.portcullis.policy.GateResult;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.Suppression;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.report.ScanReport;
import dev.portcullis.scan.ScanListener;
import dev.portcullis.scan.ScanRequest;
import dev.portcullis.scan.ScanService;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What the server does with an image to track: match its inventory with the one scan service the
 * command line uses, judge it by the server's policy, and record the scan. Every feed (push, CI,
 * watched tag, cluster, rescan) comes through here.
 */
public final class ScanIntake {

  private final ScanService scans;
  private final ScanRecorder recorder;
  private final Policy policy;
  private final Path database;
  private final Clock clock;

  /** When a scan's verdict is "fail": the policy's gate, else a CRITICAL or HIGH finding. */
  private final GateSettings verdict;

  /**
   * @param policy the server's policy: gate severities, exceptions, patch deadlines
   * @param database the vulnerability database file
   */
  public ScanIntake(ScanRecorder recorder, Policy policy, Path database, Clock clock) {
    // The server shows the database's age as a metric; no scan warns about it.
    this.scans = new ScanService(clock, Duration.ofDays(3650));
    this.recorder = recorder;
    this.policy = policy;
    this.database = database;
    this.clock = clock;
    this.verdict =
        GateSettings.of(
            List.of(), null, null, policy.gate(), EnumSet.of(Severity.CRITICAL, Severity.HIGH));
  }

  /**
   * Matches an inventory and records the scan.
   *
   * @param stored the inventory as the store keeps it; null to keep the stored one (a rescan)
   * @param submissionKey the client's idempotency key, or null
   */
  public RecordedScan scan(
      ImageName image,
      Inventory inventory,
      StoredInventory stored,
      ScanCause cause,
      String submissionKey)
      throws IOException {
    return scan(image, inventory, stored, cause, submissionKey, null);
  }

  /**
   * Re-matches a stored inventory against a database the caller holds open for many images (a
   * rescan of everything): one handle instead of one per image, and the inventory kept as stored.
   */
  public RecordedScan rescan(ImageName image, Inventory inventory, VulnerabilityDatabase database)
      throws IOException {
    return scan(image, inventory, null, ScanCause.RESCAN, null, database);
  }

  /** The vulnerability database file the scans match against. */
  public Path database() {
    return database;
  }

  private RecordedScan scan(
      ImageName image,
      Inventory inventory,
      StoredInventory stored,
      ScanCause cause,
      String submissionKey,
      VulnerabilityDatabase held)
      throws IOException {
    Gate everything =
        new Gate(
            new GateSettings(EnumSet.allOf(Severity.class), false, 1),
            policy.exceptions(),
            today());
    ScanRequest request =
        new ScanRequest(
            (packages, secrets) -> inventory,
            true,
            false,
            policy,
            everything,
            database,
            checkOsOwnedLibraries());
    ScanReport report =
        held == null
            ? scans.scan(request, ScanListener.NONE)
            : scans.scan(request, ScanListener.NONE, held);
    GateResult all = report.gate();
    List<ObservedFinding> findings = new ArrayList<>();
    all.reported().forEach(f -> findings.add(ObservedFinding.of(f, null)));
    for (Suppression suppression : all.suppressed()) {
      findings.add(
          ObservedFinding.of(suppression.finding(), endOf(suppression.exception().expires())));
    }
    boolean failed = all.reported().stream().anyMatch(verdict::reports);
    return recorder.record(
        new ImageScan(
            image,
            clock.instant(),
            cause,
            report.databaseUpdatedAt(),
            failed,
            findings,
            true,
            stored,
            submissionKey));
  }

  /**
   * Records a CI job's scan report as it is: the CI's database judged it, and without an inventory
   * the server cannot rescan the image until one arrives.
   *
   * @param repository the repository to file it under; null to take it from the report's names
   * @param tag the tag; null to take it from the report's names
   */
  public RecordedScan record(
      ReportSubmission report, String repository, String tag, String submissionKey)
      throws InputException {
    ImageName image =
        imageName(report.imageName(), report.repoTags(), report.digest(), repository, tag);
    return recorder.record(
        new ImageScan(
            image,
            clock.instant(),
            ScanCause.CI,
            report.databaseUpdatedAt(),
            report.failed(),
            report.findings(),
            report.complete(),
            null,
            submissionKey));
  }

  /**
   * The repository and tag a submission is filed under: the caller's, else the image's first {@code
   * REPO:TAG} name, else its registry reference.
   */
  public static ImageName imageName(
      String sourceName, List<String> repoTags, String digest, String repository, String tag)
      throws InputException {
    Digest parsed;
    try {
      parsed = Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new InputException("the image digest is not valid: " + e.getMessage());
    }
    String name = repository;
    String named = tag;
    if (name == null) {
      ImageReference reference = reference(sourceName, repoTags);
      if (reference == null) {
        throw new InputException(
            "the submission does not name its repository: pass ?repository=HOST/NAME");
      }
      name = reference.registry() + "/" + reference.repository();
      named = named != null ? named : reference.tag();
    } else {
      try {
        name = ImageName.repositoryNamed(repository);
      } catch (IllegalArgumentException e) {
        throw new InputException("repository: " + e.getMessage());
      }
    }
    if (named != null && !ImageReference.isTag(named)) {
      throw new InputException(
          "tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'");
    }
    try {
      return new ImageName(name, parsed, named);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }

  private static ImageReference reference(String sourceName, List<String> repoTags) {
    List<String> candidates = new ArrayList<>(repoTags);
    if (sourceName != null) {
      for (String transport : List.of("registry:", "docker://")) {
        if (sourceName.startsWith(transport)) {
          candidates.add(sourceName.substring(transport.length()));
        }
      }
    }
    for (String candidate : candidates) {
      try {
        return ImageReference.parse(candidate);
      } catch (IllegalArgumentException e) {
        // the next name may do
      }
    }
    return null;
  }

  private boolean checkOsOwnedLibraries() {
    return policy.gate() != null && Boolean.TRUE.equals(policy.gate().checkOsOwnedLibraries());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Instant endOf(LocalDate expires) {
    return expires == null
        ? ObservedFinding.FOREVER
        : expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
