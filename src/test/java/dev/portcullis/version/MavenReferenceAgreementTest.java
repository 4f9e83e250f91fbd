package dev.portcullis.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/**
 * Our Maven order is Maven's own {@code ComparableVersion}, which OSV names as the definition:
 * checked on pairs drawn from a grammar of Maven version strings, rich in the edge cases (a {@code
 * -} against a {@code .} before a qualifier, {@code _}, short aliases, case, zero padding).
 */
class MavenReferenceAgreementTest {

  private static final String[] QUALIFIERS = {
    "alpha", "a", "beta", "b", "milestone", "m", "rc", "RC", "cr", "CR", "snapshot", "SNAPSHOT",
    "ga", "GA", "final", "Final", "release", "RELEASE", "sp", "SP", "foo", "x", "jre", "android"
  };
  private static final String[] NUMBERS = {"0", "1", "2", "9", "10", "01", "00", "20190101"};
  private static final String[] SEPARATORS = {".", "-", "_", ""};

  private final VersionComparator maven = new MavenComparator();

  /** Versions a grammar of Maven's pieces yields: numbers, qualifiers, separators in any order. */
  static List<String> generatedVersions(long seed, int count) {
    Random random = new Random(seed);
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder v = new StringBuilder(NUMBERS[random.nextInt(NUMBERS.length)]);
      int pieces = random.nextInt(5);
      for (int p = 0; p < pieces; p++) {
        v.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
        v.append(
            random.nextInt(3) == 0
                ? QUALIFIERS[random.nextInt(QUALIFIERS.length)]
                : NUMBERS[random.nextInt(NUMBERS.length)]);
      }
      versions.add(v.toString());
    }
    return versions;
  }

  @Test
  void agreesWithComparableVersionOnGeneratedPairs() {
    List<String> versions = generatedVersions(18, 4000);
    List<String> disagreements = new ArrayList<>();
    int pairs = 0;
    for (int i = 0; i < versions.size(); i++) {
      for (int j = i + 1; j < versions.size(); j += 97) {
        String a = versions.get(i);
        String b = versions.get(j);
        pairs++;
        int expected = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
        if (maven.compare(a, b) != expected) {
          disagreements.add(a + " vs " + b + ": ComparableVersion says " + expected);
        }
      }
    }
    System.out.println(
        "maven generated pairs: " + pairs + ", disagreements: " + disagreements.size());
    disagreements.stream().limit(40).forEach(System.out::println);
    assertThat(disagreements).as("of %d pairs", pairs).isEmpty();
  }

  @Test
  void theIssuesExamplesFollowComparableVersion() {
    Ordering.ascending(maven, "2.9.0.RC1", "2.9.0-1");
  }
}
