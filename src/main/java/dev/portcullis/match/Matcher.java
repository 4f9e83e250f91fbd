package dev.portcullis.match;

import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.version.Ecosystems;
import dev.portcullis.vulndb.EcosystemName;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.SeverityRating;
import dev.portcullis.vulndb.StoredAffected;
import dev.portcullis.vulndb.StoredVulnerability;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds, for every package of an inventory, the advisories whose ranges contain its installed
 * version. The inventory is all it sees: an image scan and an SBOM scan meet here.
 */
public final class Matcher {

  private final VulnerabilityDatabase database;
  private final boolean osOwnedByLanguageAdvisories;

  /** A matcher that judges language packages an OS package installed by the OS advisories only. */
  public Matcher(VulnerabilityDatabase database) {
    this(database, false);
  }

  /**
   * @param osOwnedByLanguageAdvisories also match language packages that an OS package installed
   *     ({@link Package#ownedBy()}) against their language's advisories, which do not know the
   *     fixes the distribution backported
   */
  public Matcher(VulnerabilityDatabase database, boolean osOwnedByLanguageAdvisories) {
    this.database = database;
    this.osOwnedByLanguageAdvisories = osOwnedByLanguageAdvisories;
  }

  public List<Finding> match(Inventory inventory) throws InputException {
    Map<Package, AdvisoryTarget> targets = new LinkedHashMap<>();
    for (Package pkg : inventory.packages()) {
      if (pkg.ownedBy() != null && !osOwnedByLanguageAdvisories) {
        continue;
      }
      AdvisoryTarget.of(pkg, inventory.os()).ifPresent(target -> targets.put(pkg, target));
    }
    Map<Package, String> inferredGroups = inferMavenGroups(targets);
    Map<String, Map<String, List<StoredAffected>>> byEcosystem = new HashMap<>();
    // One OS per inventory: every target shares its ecosystem and release.
    Map<String, List<String>> namesByEcosystem = new HashMap<>();
    Map<String, String> releaseByEcosystem = new HashMap<>();
    for (AdvisoryTarget target : targets.values()) {
      namesByEcosystem
          .computeIfAbsent(target.ecosystem(), e -> new ArrayList<>())
          .add(target.packageName());
      releaseByEcosystem.put(target.ecosystem(), target.release());
    }
    for (Map.Entry<String, List<String>> names : namesByEcosystem.entrySet()) {
      byEcosystem.put(
          names.getKey(),
          database.affected(
              names.getKey(), releaseByEcosystem.get(names.getKey()), names.getValue()));
    }
    Map<Package, Map<String, RangeEvaluation>> hitsByPackage = new LinkedHashMap<>();
    Map<Package, Set<String>> recordedByPackage = new HashMap<>();
    Set<String> hitIds = new LinkedHashSet<>();
    for (Map.Entry<Package, AdvisoryTarget> entry : targets.entrySet()) {
      AdvisoryTarget target = entry.getValue();
      String stored =
          new EcosystemName(target.ecosystem(), "").normalizePackage(target.packageName());
      List<StoredAffected> rows =
          byEcosystem.get(target.ecosystem()).getOrDefault(stored, List.of());
      Map<String, RangeEvaluation> hits = evaluate(target, rows);
      hitsByPackage.put(entry.getKey(), hits);
      recordedByPackage.put(
          entry.getKey(),
          rows.stream()
              .filter(row -> target.appliesTo(row.release()))
              .map(StoredAffected::vulnerabilityId)
              .collect(Collectors.toSet()));
      hitIds.addAll(hits.keySet());
    }
    Map<String, StoredVulnerability> records = database.vulnerabilities(hitIds);
    Map<String, List<String>> fixesById = new HashMap<>();
    records.values().stream()
        .filter(r -> !r.fixes().isEmpty())
        .forEach(r -> fixesById.put(r.id(), r.fixes()));
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<Package, Map<String, RangeEvaluation>> entry : hitsByPackage.entrySet()) {
      List<Finding> forPackage = new ArrayList<>();
      AdvisoryTarget target = targets.get(entry.getKey());
      for (Map.Entry<String, RangeEvaluation> hit : entry.getValue().entrySet()) {
        StoredVulnerability record = records.get(hit.getKey());
        // A withdrawn record was published in error; it names no vulnerability any more.
        if (record == null || record.withdrawn() == null) {
          forPackage.add(
              finding(
                  entry.getKey(),
                  target,
                  hit.getKey(),
                  hit.getValue(),
                  Optional.ofNullable(record),
                  inferredGroups.get(entry.getKey())));
        }
      }
      findings.addAll(
          BundledAdvisories.fold(
              mergeAliases(forPackage),
              fixesById,
              recordedByPackage.get(entry.getKey()),
              Ecosystems.forEcosystem(target.ecosystem())));
    }
    return findings;
  }

  /**
   * Java libraries known by artifactId alone (jars built without pom.properties, such as Spring's)
   * are matched under the one group that has advisories for that artifactId; where several groups
   * do, none is guessed. Retargets those packages in {@code targets} and returns the note their
   * findings carry, by package.
   */
  private Map<Package, String> inferMavenGroups(Map<Package, AdvisoryTarget> targets)
      throws InputException {
    List<Package> groupless =
        targets.entrySet().stream()
            .filter(e -> e.getValue().ecosystem().equals("Maven"))
            .filter(e -> !e.getValue().packageName().contains(":"))
            .map(Map.Entry::getKey)
            .toList();
    if (groupless.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> byArtifactId = database.mavenPackagesByArtifactId();
    Map<Package, String> notes = new HashMap<>();
    for (Package pkg : groupless) {
      AdvisoryTarget target = targets.get(pkg);
      List<String> candidates = byArtifactId.getOrDefault(target.packageName(), List.of());
      if (candidates.size() == 1) {
        targets.put(pkg, target.named(candidates.get(0)));
        notes.put(
            pkg,
            "the jar names no group; "
                + candidates.get(0)
                + " is the only package with advisories for an artifact named "
                + target.packageName());
      }
    }
    return notes;
  }

  private static Map<String, RangeEvaluation> evaluate(
      AdvisoryTarget target, List<StoredAffected> rows) {
    AffectedRanges ranges = new AffectedRanges(Ecosystems.forEcosystem(target.ecosystem()));
    Map<String, RangeEvaluation> hits = new LinkedHashMap<>();
    List<StoredAffected> applicable =
        rows.stream().filter(row -> target.appliesTo(row.release())).toList();
    // A record that speaks for the release's own archive is not second-guessed by its entry for
    // a subscription (Ubuntu Pro rebuilds carry later versions of the same fix).
    Set<String> inOwnArchive = new HashSet<>();
    for (StoredAffected affected : applicable) {
      if (target.subscriptionFor(affected.release()) == null) {
        inOwnArchive.add(affected.vulnerabilityId());
      }
    }
    for (StoredAffected affected : applicable) {
      String subscription = target.subscriptionFor(affected.release());
      if (subscription != null && inOwnArchive.contains(affected.vulnerabilityId())) {
        continue;
      }
      RangeEvaluation evaluation =
          ranges
              .evaluate(target.version(), affected.ranges(), affected.versions())
              .withFixSubscription(subscription);
      if (evaluation.unfixed()) {
        evaluation =
            evaluation.withNoFixPlanned(
                NoFixPlanned.inEntry(target.ecosystem(), affected.ecosystemSpecific()).orElse(null),
                NoFixPlanned.entryRated(target.ecosystem(), affected.ecosystemSpecific()));
      }
      if (evaluation.affected() || evaluation.uncomparable() != null) {
        hits.merge(affected.vulnerabilityId(), evaluation, Matcher::union);
      }
    }
    return hits;
  }

  private static Finding finding(
      Package pkg,
      AdvisoryTarget target,
      String id,
      RangeEvaluation evaluation,
      Optional<StoredVulnerability> stored,
      String matchNote) {
    String noFixPlanned = null;
    if (evaluation.unfixed()) {
      noFixPlanned =
          evaluation.noFixPlanned() != null || evaluation.entryRated()
              ? evaluation.noFixPlanned()
              : stored
                  .flatMap(r -> NoFixPlanned.inRecord(target.ecosystem(), r.publishedSeverities()))
                  .orElse(null);
    }
    FixStatus status =
        evaluation.uncomparable() != null
            ? FixStatus.NOT_COMPARABLE
            : !evaluation.fixedVersions().isEmpty()
                ? FixStatus.FIXED
                : noFixPlanned != null ? FixStatus.WILL_NOT_FIX : FixStatus.AFFECTED;
    return new Finding(
        id,
        stored.map(StoredVulnerability::aliases).orElse(List.of()),
        pkg,
        target.qualifiedEcosystem(),
        evaluation.fixedVersions(),
        status,
        stored.map(StoredVulnerability::severity).orElse(SeverityRating.unknown()),
        stored.map(StoredVulnerability::summary).orElse(null),
        joinNotes(
            evaluation.uncomparable(),
            noFixPlanned,
            status == FixStatus.FIXED && evaluation.fixSubscription() != null
                ? "the fix is published for " + evaluation.fixSubscription() + " subscribers only"
                : null,
            matchNote),
        List.of());
  }

  private static String joinNotes(String... notes) {
    List<String> present = Arrays.stream(notes).filter(n -> n != null).toList();
    return present.isEmpty() ? null : String.join("; ", present);
  }

  private static RangeEvaluation union(RangeEvaluation a, RangeEvaluation b) {
    if (a.uncomparable() != null) {
      return b;
    }
    if (b.uncomparable() != null) {
      return a;
    }
    List<String> fixed = new ArrayList<>(a.fixedVersions());
    b.fixedVersions().stream().filter(v -> !fixed.contains(v)).forEach(fixed::add);
    return new RangeEvaluation(
        a.affected() || b.affected(),
        fixed,
        null,
        a.noFixPlanned() != null ? a.noFixPlanned() : b.noFixPlanned(),
        a.entryRated() || b.entryRated(),
        // One record's entries are all of the release's archive or all of a subscription (see
        // evaluate), so at most one subscription is named.
        a.fixSubscription() != null ? a.fixSubscription() : b.fixSubscription());
  }

  /**
   * One vulnerability often has several records (a CVE, a GHSA, a DSA naming each other as
   * aliases): report it once per package, under the most widely known id, with the others as
   * aliases.
   */
  static List<Finding> mergeAliases(List<Finding> findings) {
    List<Finding> merged = new ArrayList<>();
    List<Set<String>> names = new ArrayList<>();
    // Each name's first group: a finding joins the first group that shares a name with it, found
    // through this index instead of by searching every group (a package with many records).
    Map<String, Integer> firstGroup = new HashMap<>();
    for (Finding finding : findings) {
      Set<String> these = new LinkedHashSet<>(finding.aliases());
      these.add(finding.vulnerabilityId());
      int same = -1;
      for (String name : these) {
        Integer group = firstGroup.get(name);
        if (group != null && (same < 0 || group < same)) {
          same = group;
        }
      }
      if (same < 0) {
        same = merged.size();
        merged.add(finding);
        names.add(these);
      } else {
        names.get(same).addAll(these);
        merged.set(same, combine(merged.get(same), finding, names.get(same)));
      }
      for (String name : these) {
        firstGroup.merge(name, same, Math::min);
      }
    }
    return merged.stream().map(Matcher::underCveId).toList();
  }

  /**
   * A language package's record (GHSA, PYSEC, GO, RUSTSEC …) that names exactly one CVE as an alias
   * is reported under that CVE, as the CVE's own record would be; one that names several keeps its
   * own id, since picking one CVE would hide the others. Distribution records keep their ids
   * ({@code DEBIAN-CVE-…} and {@code UBUNTU-CVE-…} carry the CVE in them).
   */
  static Finding underCveId(Finding finding) {
    if (finding.vulnerabilityId().startsWith("CVE-") || finding.pkg().managedByOs()) {
      return finding;
    }
    List<String> cves = finding.aliases().stream().filter(a -> a.startsWith("CVE-")).toList();
    if (cves.size() != 1) {
      return finding;
    }
    List<String> aliases = new ArrayList<>(finding.aliases());
    aliases.remove(cves.get(0));
    aliases.add(finding.vulnerabilityId());
    aliases.sort(Comparator.naturalOrder());
    return new Finding(
        cves.get(0),
        aliases,
        finding.pkg(),
        finding.ecosystem(),
        finding.fixedVersions(),
        finding.status(),
        finding.severity(),
        finding.title(),
        finding.note(),
        finding.advisories());
  }

  private static Finding combine(Finding a, Finding b, Set<String> allNames) {
    Finding primary = preferredId(a).compareTo(preferredId(b)) <= 0 ? a : b;
    Finding other = primary == a ? b : a;
    List<String> aliases =
        allNames.stream().filter(n -> !n.equals(primary.vulnerabilityId())).sorted().toList();
    List<String> fixed = new ArrayList<>(primary.fixedVersions());
    other.fixedVersions().stream().filter(v -> !fixed.contains(v)).forEach(fixed::add);
    SeverityRating severity = moreSevere(primary.severity(), other.severity());
    FixStatus status = combinedStatus(primary.status(), other.status(), !fixed.isEmpty());
    // The note explains the status: a "no fix planned" note must not ride on a FIXED finding, and
    // a caveat on one record's fix (for subscribers only) not where the other's fix has none.
    Finding explains = primary.status() == status || other.status() != status ? primary : other;
    if (primary.status() == other.status() && primary.note() != null && other.note() == null) {
      explains = other;
    }
    return new Finding(
        primary.vulnerabilityId(),
        aliases,
        primary.pkg(),
        primary.ecosystem(),
        fixed,
        status,
        severity,
        primary.title() != null ? primary.title() : other.title(),
        explains.note(),
        Stream.concat(primary.advisories().stream(), other.advisories().stream())
            .distinct()
            .toList());
  }

  /**
   * The more severe of two records' ratings of one vulnerability, so that a low rating under the
   * preferred id never hides a critical one under another; a known rating over UNKNOWN.
   */
  private static SeverityRating moreSevere(SeverityRating a, SeverityRating b) {
    // UNKNOWN sorts after every known severity; of two unknown ratings, b's is kept.
    return a.severity() == Severity.UNKNOWN || b.severity().compareTo(a.severity()) < 0 ? b : a;
  }

  /**
   * A fix in any of the records wins; else one record's word that no fix is planned; else the
   * primary record's status.
   */
  private static FixStatus combinedStatus(FixStatus primary, FixStatus other, boolean anyFix) {
    if (anyFix) {
      return FixStatus.FIXED;
    }
    if (primary == FixStatus.WILL_NOT_FIX || other == FixStatus.WILL_NOT_FIX) {
      return FixStatus.WILL_NOT_FIX;
    }
    return primary;
  }

  /** CVE ids first, then GHSA, then the rest: the id most users search for. */
  private static String preferredId(Finding finding) {
    String id = finding.vulnerabilityId();
    int rank = id.startsWith("CVE-") ? 0 : id.startsWith("GHSA-") ? 1 : 2;
    return rank + id;
  }

  /** Most severe first, then by package, id and the file it was found in, as reports list them. */
  public static final Comparator<Finding> REPORT_ORDER =
      Comparator.comparing((Finding f) -> f.severity().severity())
          .thenComparing(f -> f.pkg().name())
          .thenComparing(Finding::vulnerabilityId)
          .thenComparing(f -> f.pkg().foundIn(), Comparator.nullsFirst(Comparator.naturalOrder()));
}
