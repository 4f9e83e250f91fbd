package dev.portcullis.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every ecosystem's comparator is a total order on the versions it reads: it answers -1, 0 or 1, is
 * antisymmetric, treats equal versions alike against a third, and is transitive on triples. A
 * version it cannot read is refused with {@link UncomparableVersionException}, nothing else.
 *
 * <p>Input: four lines, an ecosystem name (an unknown one picks a comparator by its hash) and three
 * versions.
 */
class VersionComparatorFuzzTest {

  private static final Pattern LEFTOVERS_AFTER_REVISION = Pattern.compile("-r[0-9]*[^0-9]");

  private static final int MAX_INPUT = 512;
  private static final List<String> ECOSYSTEMS = Ecosystems.names();

  @FuzzTest
  void totalOrder(byte[] input) {
    if (input.length > MAX_INPUT) {
      return;
    }
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 4);
    if (lines.length < 4) {
      return;
    }
    String ecosystem =
        ECOSYSTEMS.stream()
            .filter(name -> name.equalsIgnoreCase(lines[0]))
            .findFirst()
            .orElse(ECOSYSTEMS.get(Math.floorMod(lines[0].hashCode(), ECOSYSTEMS.size())));
    VersionComparator comparator = Ecosystems.forEcosystem(ecosystem);
    String a = lines[1];
    String b = lines[2];
    String c = lines[3];
    int ab;
    int bc;
    int ac;
    try {
      ab = comparator.compare(a, b);
      bc = comparator.compare(b, c);
      ac = comparator.compare(a, c);
    } catch (UncomparableVersionException refused) {
      return;
    }
    String where = ecosystem + " [" + a + "] [" + b + "] [" + c + "]";
    assertThat(List.of(ab, bc, ac)).as(where).allMatch(r -> r >= -1 && r <= 1);
    assertThat(comparator.compare(a, a)).as("reflexive: " + where).isZero();
    assertThat(comparator.compare(b, a)).as("antisymmetric: " + where).isEqualTo(-ab);
    assertThat(comparator.compare(c, b)).as("antisymmetric: " + where).isEqualTo(-bc);
    assertThat(comparator.compare(c, a)).as("antisymmetric: " + where).isEqualTo(-ac);
    if (comparator.toString().equals("Composer") && (a + b + c).indexOf('#') >= 0) {
      // PHP's version_compare, OSV's order for Packagist, ranks '#' equal to every number, so
      // 0 = # = 1 and 0 < 1: no total order exists there. Kept, as PHP and OSV have it.
      return;
    }
    if (comparator.toString().equals("apk")
        && Stream.of(a, b, c).anyMatch(v -> LEFTOVERS_AFTER_REVISION.matcher(v).find())) {
      // OSV's vectors (from apk-tools) rank leftovers after a revision as nothing more than "not a
      // clean end": 1-ruff2 = 1-ruff1 = 1--ruff1, while two versions malformed before a revision
      // compare as text: 1--ruff1 < 1--ruff2. No total order agrees with both; kept, as the
      // reference has it. The matcher turns a sort that notices into "not comparable".
      return;
    }
    if (comparator.toString().equals("Maven")) {
      // Maven 3.9's ComparableVersion, the reference for the Maven ecosystem, is not transitive
      // where string, list and combination items meet: 1-0beta < 1 < 1-x, yet 1-0beta > 1-x; and
      // 1.0.0-beta.10 < 1 < 1.svnpre-beta.2, yet 1.svnpre-beta.2 < 1.0.0-beta.10. Kept, as Maven
      // has it: for Maven the target checks the other properties only.
      return;
    }
    if (ab == 0) {
      assertThat(ac).as("equal versions order alike: " + where).isEqualTo(bc);
    }
    if (bc == 0) {
      assertThat(ac).as("equal versions order alike: " + where).isEqualTo(ab);
    }
    if (ab <= 0 && bc <= 0) {
      assertThat(ac).as("transitive: " + where).isLessThanOrEqualTo(Math.min(ab, bc) < 0 ? -1 : 0);
    }
    if (ab >= 0 && bc >= 0) {
      assertThat(ac)
          .as("transitive: " + where)
          .isGreaterThanOrEqualTo(Math.max(ab, bc) > 0 ? 1 : 0);
    }
  }
}
