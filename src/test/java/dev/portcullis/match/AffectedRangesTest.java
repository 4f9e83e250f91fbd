package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.portcullis.testing.SharedOsv;
import dev.portcullis.version.Ecosystems;
import dev.portcullis.vulndb.OsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Range evaluation on the real OSV records. Where pypa's advisory database gives only ECOSYSTEM
 * ranges whose events are already in order, the release list beside them is exactly what the ranges
 * cover, so the two must agree; and a fixed version is never inside its own range. (Lists derived
 * from GIT ranges, and ranges whose intervals overlap, legitimately differ: for those the matcher
 * takes the union of ranges and list, as OSV does.)
 */
class AffectedRangesTest {

  private static final Path OSV = SharedOsv.DIRECTORY;

  private static OsvRecord.Range range(String... events) {
    List<OsvRecord.Event> list = new ArrayList<>();
    for (String event : events) {
      String[] kv = event.split("=");
      list.add(
          switch (kv[0]) {
            case "introduced" -> new OsvRecord.Event(kv[1], null, null, null);
            case "fixed" -> new OsvRecord.Event(null, kv[1], null, null);
            case "last_affected" -> new OsvRecord.Event(null, null, kv[1], null);
            default -> new OsvRecord.Event(null, null, null, kv[1]);
          });
    }
    return new OsvRecord.Range("ECOSYSTEM", null, list);
  }

  /**
   * A reference order that is not transitive for some malformed versions (apk's, PHP's) can make
   * the sort of a long event list refuse it: that record is not comparable, not a crash.
   */
  @Test
  void eventsInNoConsistentOrderAreNotComparable() {
    Random coin = new Random(42);
    AffectedRanges inconsistent =
        new AffectedRanges((a, b) -> a.equals(b) ? 0 : coin.nextInt(3) - 1);
    String[] events = new String[2_000];
    for (int i = 0; i < events.length; i++) {
      events[i] = (i % 2 == 0 ? "introduced=" : "fixed=") + "1." + i;
    }

    RangeEvaluation evaluation = inconsistent.evaluate("1.5", List.of(range(events)), List.of());

    assertThat(evaluation.affected()).isFalse();
    assertThat(evaluation.uncomparable()).contains("no consistent order");
  }

  @Test
  void everyVersionPypaListsIsInsideTheRangesItListsItFor() throws IOException {
    assumeThat(OSV).isDirectory();
    AffectedRanges pypi = new AffectedRanges(Ecosystems.forEcosystem("PyPI"));
    long checked = 0;
    List<String> disagreements = new ArrayList<>();
    for (OsvRecord record : SharedOsv.records("PyPI")) {
      for (OsvRecord.Affected affected : record.affected()) {
        List<OsvRecord.Range> ranges = affected.ranges();
        boolean onlyOrderedEcosystemRanges =
            ranges.stream().allMatch(r -> r.type().equals("ECOSYSTEM") && inOrder(r, pypi));
        if (ranges.isEmpty() || !onlyOrderedEcosystemRanges) {
          continue;
        }
        for (String version : affected.versions()) {
          checked++;
          RangeEvaluation evaluation = pypi.evaluate(version, ranges, List.of());
          if (!evaluation.affected()) {
            disagreements.add(
                record.id()
                    + " "
                    + version
                    + (evaluation.uncomparable() != null ? " " + evaluation.uncomparable() : ""));
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
    // PYSEC-2023-61's list counts the pre-releases of 3.2 and 4.2 although PEP 440 orders them
    // below the ranges' "introduced: 3.2" and "4.2"; the matcher reports them through the list.
    assertThat(disagreements)
        .allMatch(
            d -> d.matches("PYSEC-2023-61 [34]\\.2(a1|b1|rc1)"), "only the known inconsistency");
  }

  @Test
  void noFixedVersionOfARealRecordIsInsideItsOwnRange() throws IOException {
    assumeThat(OSV).isDirectory();
    long checked = 0;
    List<String> disagreements = new ArrayList<>();
    for (String ecosystem : List.of("Go", "PyPI")) {
      AffectedRanges ranges = new AffectedRanges(Ecosystems.forEcosystem(ecosystem));
      for (OsvRecord record : SharedOsv.records(ecosystem)) {
        for (OsvRecord.Affected affected : record.affected()) {
          for (OsvRecord.Range range : affected.ranges()) {
            if (range.type().equals("GIT")) {
              continue;
            }
            if (!inOrder(range, ranges)) {
              continue;
            }
            for (OsvRecord.Event event : range.events()) {
              if (event.fixed() != null) {
                checked++;
                if (ranges.evaluate(event.fixed(), List.of(range), List.of()).affected()) {
                  disagreements.add(record.id() + " fixed " + event.fixed());
                }
              }
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(5_000);
    assertThat(disagreements).isEmpty();
  }

  /** Events listed in ascending version order: the intervals of the range do not overlap. */
  private static boolean inOrder(OsvRecord.Range range, AffectedRanges ranges) {
    List<String> versions =
        range.events().stream()
            .map(
                e ->
                    e.introduced() != null
                        ? e.introduced()
                        : e.fixed() != null ? e.fixed() : e.lastAffected())
            .toList();
    for (int i = 1; i < versions.size(); i++) {
      if (!versions.get(i - 1).equals("0")
          && ranges.compareForTest(versions.get(i - 1), versions.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void rulesOfTheOsvEventModel() {
    AffectedRanges debian = new AffectedRanges(Ecosystems.forEcosystem("Debian"));
    List<OsvRecord.Range> twoRanges =
        List.of(range("introduced=0", "fixed=1.2-1", "introduced=2.0-1", "fixed=2.0-3"));

    assertThat(debian.evaluate("1.1-5", twoRanges, List.of()).affected()).isTrue();
    assertThat(debian.evaluate("1.1-5", twoRanges, List.of()).fixedVersions())
        .containsExactly("1.2-1", "2.0-3");
    assertThat(debian.evaluate("1.2-1", twoRanges, List.of()).affected()).isFalse();
    assertThat(debian.evaluate("1.5-1", twoRanges, List.of()).affected()).isFalse();
    assertThat(debian.evaluate("2.0-2", twoRanges, List.of()).affected()).isTrue();
    assertThat(debian.evaluate("2.0-3", twoRanges, List.of()).affected()).isFalse();
    assertThat(debian.evaluate("1.2-1~deb12u1", twoRanges, List.of()).affected())
        .as("~ sorts before the fix")
        .isTrue();

    List<OsvRecord.Range> lastAffected = List.of(range("introduced=1.0", "last_affected=1.4"));
    assertThat(debian.evaluate("1.4", lastAffected, List.of()).affected()).isTrue();
    assertThat(debian.evaluate("1.4.1", lastAffected, List.of()).affected()).isFalse();
    assertThat(debian.evaluate("1.4", lastAffected, List.of()).fixedVersions()).isEmpty();

    assertThat(debian.evaluate("3.0", List.of(), List.of("3.0", "3.1")).affected())
        .as("listed")
        .isTrue();
  }

  @Test
  void unreadableInstalledVersionIsSaidNotGuessed() {
    AffectedRanges debian = new AffectedRanges(Ecosystems.forEcosystem("Debian"));

    RangeEvaluation evaluation =
        debian.evaluate("not a version!", List.of(range("introduced=0", "fixed=1.0")), List.of());

    assertThat(evaluation.affected()).isFalse();
    assertThat(evaluation.uncomparable()).contains("version not comparable");
  }
}
