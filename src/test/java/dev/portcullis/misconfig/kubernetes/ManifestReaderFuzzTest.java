package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A manifest file, YAML or JSON: documents, and at most one {@link ReadProblem} where reading
 * stopped. The reader documents that it never throws, so any exception or JVM error is a finding.
 */
class ManifestReaderFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;

  @FuzzTest
  void manifests(byte[] input) {
    if (input.length > MAX_INPUT) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    String stripped = text.stripLeading();
    // JSON lists and objects go the way a .json file does; everything else is YAML.
    String display =
        stripped.startsWith("{") || stripped.startsWith("[") ? "fuzz.json" : "fuzz.yaml";
    ManifestFile file = new ManifestReader().readText(text, display);
    assertThat(file.problems()).hasSizeLessThanOrEqualTo(1);
  }
}
