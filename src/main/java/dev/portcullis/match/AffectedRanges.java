package dev.portcullis.match;

import dev.portcullis.version.UncomparableVersionException;
import dev.portcullis.version.VersionComparator;
import dev.portcullis.vulndb.OsvRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OSV evaluation of {@code ECOSYSTEM} and {@code SEMVER} ranges (events sorted by version; the
 * last event at or below the installed version decides) and of explicit {@code versions} lists.
 * {@code GIT} ranges name commits, not versions, and are left to the versions list OSV derives from
 * them.
 */
final class AffectedRanges {

  private static final String ZERO = "0";

  private final VersionComparator comparator;

  /**
   * Orders already computed. One instance serves one package's records, which repeat the same
   * versions: every record of a PyPI package lists most of its releases, and each is compared with
   * the installed version once, not once per record.
   */
  private final Map<VersionPair, Integer> compared = new HashMap<>();

  AffectedRanges(VersionComparator comparator) {
    this.comparator = comparator;
  }

  RangeEvaluation evaluate(String installed, List<OsvRecord.Range> ranges, List<String> versions) {
    try {
      boolean affected = false;
      List<String> fixed = new ArrayList<>();
      for (OsvRecord.Range range : ranges) {
        if ("ECOSYSTEM".equals(range.type()) || "SEMVER".equals(range.type())) {
          if (inRange(installed, range.events())) {
            affected = true;
            range.events().stream()
                .map(OsvRecord.Event::fixed)
                .filter(f -> f != null && compare(f, installed) > 0)
                .forEach(fixed::add);
          }
        }
      }
      for (int i = 0; i < versions.size() && !affected; i++) {
        affected = comparesEqual(versions.get(i), installed);
      }
      fixed.sort(this::compare);
      return new RangeEvaluation(affected, fixed.stream().distinct().toList(), null);
    } catch (UncomparableVersionException e) {
      return RangeEvaluation.notComparable(e.getMessage());
    } catch (IllegalArgumentException e) {
      // The sort found versions in no consistent order ("Comparison method violates its general
      // contract"): a few reference orders are not transitive for malformed versions (apk's
      // leftovers after a revision, PHP's '#'), and a record may list enough of them to show it.
      return RangeEvaluation.notComparable(
          "the record's versions have no consistent order under " + comparator);
    }
  }

  private boolean inRange(String installed, List<OsvRecord.Event> events) {
    List<OsvRecord.Event> sorted = new ArrayList<>();
    for (OsvRecord.Event event : events) {
      // "*" is the unbounded limit of git ranges, no version at all.
      if (eventVersion(event) != null && !"*".equals(eventVersion(event))) {
        sorted.add(event);
      }
    }
    sorted.sort(Comparator.comparing(AffectedRanges::eventVersion, this::compareEventVersions));
    boolean affected = false;
    for (OsvRecord.Event event : sorted) {
      if (event.introduced() != null) {
        if (ZERO.equals(event.introduced()) || compare(installed, event.introduced()) >= 0) {
          affected = true;
        }
      } else if (event.fixed() != null) {
        if (compare(installed, event.fixed()) >= 0) {
          affected = false;
        }
      } else if (event.lastAffected() != null) {
        if (compare(installed, event.lastAffected()) > 0) {
          affected = false;
        }
      } else if (event.limit() != null) {
        if (compare(installed, event.limit()) >= 0) {
          affected = false;
        }
      }
    }
    return affected;
  }

  /** Versions in a list may be written in another form of the same version ("1.0" and "1.0.0"). */
  private boolean comparesEqual(String listed, String installed) {
    if (listed.equals(installed)) {
      return true;
    }
    try {
      return compare(listed, installed) == 0;
    } catch (UncomparableVersionException e) {
      // A listed version the scheme cannot read cannot be the installed one.
      return listed.equals(installed);
    }
  }

  private static String eventVersion(OsvRecord.Event event) {
    if (event.introduced() != null) {
      return event.introduced();
    }
    if (event.fixed() != null) {
      return event.fixed();
    }
    return event.lastAffected() != null ? event.lastAffected() : event.limit();
  }

  /** "0" is below every version, whatever the scheme. */
  private int compareEventVersions(String a, String b) {
    if (ZERO.equals(a) || ZERO.equals(b)) {
      return ZERO.equals(a) ? (ZERO.equals(b) ? 0 : -1) : 1;
    }
    return compare(a, b);
  }

  /** The scheme's order, for tests that check data against it. */
  int compareForTest(String a, String b) {
    return compare(a, b);
  }

  private int compare(String a, String b) {
    VersionPair pair = new VersionPair(a, b);
    Integer known = compared.get(pair);
    if (known == null) {
      known = comparator.compare(a, b); // an uncomparable version throws, and is not kept
      compared.put(pair, known);
    }
    return known;
  }

  private record VersionPair(String a, String b) {}
}
