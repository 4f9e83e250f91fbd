package dev.portcullis.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared version-ordering vectors (OSV's own comparator tests): every {@code A < B}, {@code A =
 * B} and {@code A > B} line is one test, checked in both directions.
 */
class VersionOrderingVectorsTest {

  private static final String SUFFIX = "-versions.txt";

  /** File name prefix to the ecosystem name the matcher would look the comparator up by. */
  private static final Map<String, String> ECOSYSTEMS =
      Map.ofEntries(
          Map.entry("alpine", "Alpine"),
          Map.entry("cran", "CRAN"),
          Map.entry("debian", "Debian"),
          Map.entry("hackage", "Hackage"),
          Map.entry("maven", "Maven"),
          Map.entry("nuget", "NuGet"),
          Map.entry("packagist", "Packagist"),
          Map.entry("pub", "Pub"),
          Map.entry("pypi", "PyPI"),
          Map.entry("redhat", "Red Hat"),
          Map.entry("rubygems", "RubyGems"),
          Map.entry("semver", "semver"));

  /**
   * Vectors where the reference implementation the ecosystem is defined by answers otherwise, each
   * with that answer: the test holds us to the reference. Maven's order is ComparableVersion's
   * (OSV's definition); OSV's vector follows the POM reference's text ("trim nulls at each
   * hyphen"), which ComparableVersion does not do.
   */
  private static final Map<String, String> REFERENCE_DIFFERS =
      Map.of("maven:1-1 = 1-ga-1", "1-1 > 1-ga-1");

  @TestFactory
  Stream<DynamicNode> vectors() throws IOException {
    String shared = System.getProperty("portcullis.sharedTestdata");
    Path dir = shared == null ? null : Path.of(shared, "version-ordering");
    Assumptions.assumeTrue(
        dir != null && Files.isDirectory(dir), "no shared version-ordering test data");
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    assertThat(files).as("vector files in %s", dir).isNotEmpty();
    List<DynamicNode> containers = new ArrayList<>();
    for (Path file : files) {
      containers.add(container(file));
    }
    return containers.stream();
  }

  private static DynamicNode container(Path file) throws IOException {
    String name = file.getFileName().toString();
    String prefix = name.substring(0, name.length() - SUFFIX.length());
    String ecosystem = ECOSYSTEMS.get(prefix);
    if (ecosystem == null) {
      // A new vector file must not be skipped silently.
      return dynamicTest(
          name, () -> assertThat(ecosystem).as("ecosystem for vector file %s", name).isNotNull());
    }
    VersionComparator comparator = Ecosystems.forEcosystem(ecosystem);
    List<DynamicNode> tests = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      String label = prefix + ":" + (i + 1) + "  " + line;
      String checked = REFERENCE_DIFFERS.getOrDefault(prefix + ":" + line, line);
      tests.add(dynamicTest(label, () -> check(comparator, checked)));
    }
    return dynamicContainer(name, tests);
  }

  private static void check(VersionComparator comparator, String line) {
    String[] parts = line.split("\\s+");
    assertThat(parts).as("vector line '%s' is 'A op B'", line).hasSize(3);
    String a = parts[0];
    String op = parts[1];
    String b = parts[2];
    int expected =
        switch (op) {
          case "<" -> -1;
          case "=" -> 0;
          case ">" -> 1;
          default -> throw new AssertionError("unknown operator '" + op + "' in '" + line + "'");
        };
    assertThat(Integer.signum(comparator.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
    assertThat(Integer.signum(comparator.compare(b, a))).as("%s vs %s", b, a).isEqualTo(-expected);
  }
}
