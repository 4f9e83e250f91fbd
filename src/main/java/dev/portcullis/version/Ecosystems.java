package dev.portcullis.version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Finds the version comparator for an OSV ecosystem name such as "Debian:12" or "PyPI". */
public final class Ecosystems {

  private static final Map<String, VersionComparator> BY_NAME;
  private static final List<String> NAMES;

  static {
    Map<String, VersionComparator> byName = new LinkedHashMap<>();
    TreeSet<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    register(byName, known, new DpkgComparator(), "Debian", "Ubuntu");
    register(byName, known, new ApkComparator(), "Alpine", "Wolfi", "Chainguard");
    register(
        byName,
        known,
        new RpmComparator(),
        "Red Hat",
        "redhat",
        "rpm",
        "Rocky Linux",
        "AlmaLinux",
        "openSUSE",
        "SUSE",
        "Mageia",
        "openEuler");
    register(byName, known, new MavenComparator(), "Maven");
    register(byName, known, new SemverComparator(), "semver", "npm", "crates.io", "Go", "Hex");
    register(byName, known, new Pep440Comparator(), "PyPI");
    register(byName, known, new RubyGemsComparator(), "RubyGems");
    register(byName, known, new NuGetComparator(), "NuGet");
    register(byName, known, new ComposerComparator(), "Packagist");
    register(byName, known, NumberListComparator.cran(), "CRAN");
    register(byName, known, NumberListComparator.hackage(), "Hackage");
    register(byName, known, new PubComparator(), "Pub");
    BY_NAME = Map.copyOf(byName);
    NAMES = List.copyOf(known);
  }

  private Ecosystems() {}

  /**
   * The comparator for an ecosystem, by OSV name or alias, ignoring case. A release-qualified OSV
   * name ("Debian:12", "Alpine:v3.20", "Ubuntu:22.04:LTS") resolves by the part before the first
   * colon; the aliases debian, alpine, redhat, rpm and semver are accepted too.
   *
   * @throws IllegalArgumentException for a name no comparator is known for
   */
  public static VersionComparator forEcosystem(String name) {
    Objects.requireNonNull(name, "name");
    int colon = name.indexOf(':');
    String base = (colon < 0 ? name : name.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    VersionComparator comparator = BY_NAME.get(base);
    if (comparator == null) {
      throw new IllegalArgumentException(
          "unknown ecosystem '" + name + "'; known ecosystems: " + String.join(", ", NAMES));
    }
    return comparator;
  }

  /** Every name {@link #forEcosystem} accepts, in the spelling OSV uses. */
  public static List<String> names() {
    return NAMES;
  }

  private static void register(
      Map<String, VersionComparator> byName,
      TreeSet<String> known,
      VersionComparator comparator,
      String... names) {
    for (String name : names) {
      byName.put(name.toLowerCase(Locale.ROOT), comparator);
      known.add(name);
    }
  }
}
