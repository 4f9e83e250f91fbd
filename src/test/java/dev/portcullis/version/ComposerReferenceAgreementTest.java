package dev.portcullis.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our Packagist order against PHP's {@code version_compare}, recorded on pairs drawn from a grammar
 * of Composer version strings by {@code scripts/record-composer-version-vectors.sh}.
 */
class ComposerReferenceAgreementTest {

  private final VersionComparator composer = new ComposerComparator();

  @Test
  void agreesWithVersionCompareOnGeneratedPairs() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("composer-version-compare.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<String> disagreements = new ArrayList<>();
    int pairs = 0;
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      int expected =
          switch (parts[1]) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
          };
      pairs++;
      if (composer.compare(parts[0], parts[2]) != expected
          || composer.compare(parts[2], parts[0]) != -expected) {
        disagreements.add(line);
      }
    }
    assertThat(pairs).isGreaterThan(10_000);
    assertThat(disagreements).as("of %d pairs", pairs).isEmpty();
  }
}
