package dev.portcullis.match;

import dev.portcullis.version.UncomparableVersionException;
import dev.portcullis.version.VersionComparator;
import dev.portcullis.vulndb.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Advisories that fix several vulnerabilities at once (a Debian DSA naming three CVEs) are one fix,
 * not another vulnerability: where each vulnerability the advisory names has a record of its own
 * for the package, the advisory is shown beside their findings (as one of their advisories, its
 * fixed versions among theirs) instead of as a finding; a record that finds the installed version
 * unaffected has the last word on its vulnerability. Where one of them has no record of its own,
 * the advisory stays a finding, since it is the only word on that vulnerability; so does an
 * advisory rated more severe than every finding it would join, which must not hide behind their
 * lower ratings.
 */
final class BundledAdvisories {

  /** The CVE an id is about: "CVE-2024-1", also inside "DEBIAN-CVE-2024-1". */
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private BundledAdvisories() {}

  /**
   * The findings of one package with each bundled advisory folded into the findings it fixes.
   *
   * @param fixesById the vulnerabilities each bundled advisory names, by the advisory's id
   * @param recorded the ids of the records with an entry for the package and release, whether or
   *     not they found the installed version affected
   * @param order the version order of the package's ecosystem, to keep fixed versions sorted
   */
  static List<Finding> fold(
      List<Finding> findings,
      Map<String, List<String>> fixesById,
      Set<String> recorded,
      VersionComparator order) {
    Set<String> recordedAbout = new HashSet<>();
    recorded.stream()
        .filter(id -> !fixesById.containsKey(id))
        .map(BundledAdvisories::about)
        .forEach(recordedAbout::add);
    Finding[] folded = findings.toArray(Finding[]::new);
    for (int a = 0; a < folded.length; a++) {
      Finding advisory = folded[a];
      List<String> fixes = fixesById.getOrDefault(advisory.vulnerabilityId(), List.of());
      if (fixes.isEmpty() || advisory.status() == FixStatus.NOT_COMPARABLE) {
        continue;
      }
      Set<Integer> fixed = new LinkedHashSet<>();
      List<String> withoutRecord = new ArrayList<>();
      for (String named : fixes) {
        List<Integer> those = findingsOf(named, folded, fixesById);
        if (those.isEmpty() && !recordedAbout.contains(about(named))) {
          withoutRecord.add(named);
        }
        fixed.addAll(those);
      }
      for (int f : fixed) {
        folded[f] = attach(folded[f], advisory, order);
      }
      boolean ratedAboveAll =
          !fixed.isEmpty()
              && fixed.stream()
                  .allMatch(f -> moreSevere(advisory.severity().severity(), folded[f]));
      if (withoutRecord.size() == fixes.size()) {
        // None of its CVEs has a record here (Red Hat publishes only its RHSAs): the advisory is
        // the finding, as published.
        continue;
      }
      if (!withoutRecord.isEmpty()) {
        folded[a] = standingFor(advisory, withoutRecord);
      } else if (!ratedAboveAll) {
        folded[a] = null;
      }
    }
    return Arrays.stream(folded).filter(Objects::nonNull).toList();
  }

  /** The comparable findings, of no bundled advisory, that are about the named vulnerability. */
  private static List<Integer> findingsOf(
      String named, Finding[] findings, Map<String, List<String>> fixesById) {
    String about = about(named);
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < findings.length; i++) {
      Finding finding = findings[i];
      if (finding == null
          || finding.status() == FixStatus.NOT_COMPARABLE
          || fixesById.containsKey(finding.vulnerabilityId())) {
        continue;
      }
      boolean same =
          about(finding.vulnerabilityId()).equals(about)
              || finding.aliases().stream().anyMatch(alias -> about(alias).equals(about));
      if (same) {
        found.add(i);
      }
    }
    return found;
  }

  /** An id as the vulnerability it names: the CVE inside it, else itself. */
  private static String about(String id) {
    Matcher cve = CVE.matcher(id);
    return cve.find() ? cve.group() : id;
  }

  /** Whether the advisory's rating is above the finding's; UNKNOWN sorts below every other. */
  private static boolean moreSevere(Severity advisory, Finding finding) {
    return advisory.compareTo(finding.severity().severity()) < 0;
  }

  /** The finding with the advisory beside it: its fixes count, its rating does not. */
  private static Finding attach(Finding finding, Finding advisory, VersionComparator order) {
    List<String> fixed = new ArrayList<>(finding.fixedVersions());
    advisory.fixedVersions().stream().filter(v -> !fixed.contains(v)).forEach(fixed::add);
    try {
      fixed.sort(order::compare);
    } catch (UncomparableVersionException e) {
      // Versions of one ecosystem's records compare; if not, the records' order stands.
    }
    FixStatus status =
        fixed.isEmpty() || finding.status() == FixStatus.FIXED ? finding.status() : FixStatus.FIXED;
    List<FixingAdvisory> advisories = new ArrayList<>(finding.advisories());
    advisories.add(new FixingAdvisory(advisory.vulnerabilityId(), advisory.fixedVersions()));
    return new Finding(
        finding.vulnerabilityId(),
        finding.aliases(),
        finding.pkg(),
        finding.ecosystem(),
        fixed,
        status,
        finding.severity(),
        finding.title(),
        // A note said why there was no fix; with the advisory's fix it no longer holds.
        status == finding.status() ? finding.note() : null,
        advisories);
  }

  /** The advisory as a finding of its own, saying which of its vulnerabilities it stands for. */
  private static Finding standingFor(Finding advisory, List<String> withoutRecord) {
    String why =
        "reported for "
            + String.join(", ", withoutRecord)
            + (withoutRecord.size() == 1
                ? ", which has no record of its own for this package"
                : ", which have no records of their own for this package");
    return new Finding(
        advisory.vulnerabilityId(),
        advisory.aliases(),
        advisory.pkg(),
        advisory.ecosystem(),
        advisory.fixedVersions(),
        advisory.status(),
        advisory.severity(),
        advisory.title(),
        advisory.note() == null ? why : advisory.note() + "; " + why,
        advisory.advisories());
  }
}
