package dev.portcullis.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions that check an order both ways round, as a range check relies on both. */
final class Ordering {

  private Ordering() {}

  /** Every version is older than every version after it. */
  static void ascending(VersionComparator comparator, String... versions) {
    for (int i = 0; i < versions.length; i++) {
      for (int j = i + 1; j < versions.length; j++) {
        assertThat(comparator.compare(versions[i], versions[j]))
            .as("%s < %s", versions[i], versions[j])
            .isNegative();
        assertThat(comparator.compare(versions[j], versions[i]))
            .as("%s > %s", versions[j], versions[i])
            .isPositive();
      }
    }
  }

  static void same(VersionComparator comparator, String a, String b) {
    assertThat(comparator.compare(a, b)).as("%s = %s", a, b).isZero();
    assertThat(comparator.compare(b, a)).as("%s = %s", b, a).isZero();
  }

  /** The version is refused whichever side it is on, and the message names it. */
  static void rejects(VersionComparator comparator, String bad, String good) {
    assertThatThrownBy(() -> comparator.compare(bad, good))
        .isInstanceOf(UncomparableVersionException.class)
        .hasMessageStartingWith("version not comparable")
        .hasMessageContaining("'" + bad + "'");
    assertThatThrownBy(() -> comparator.compare(good, bad))
        .isInstanceOf(UncomparableVersionException.class)
        .satisfies(e -> assertThat(((UncomparableVersionException) e).version()).isEqualTo(bad));
  }
}
