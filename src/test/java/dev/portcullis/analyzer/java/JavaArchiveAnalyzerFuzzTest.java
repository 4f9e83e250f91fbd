package dev.portcullis.analyzer.java;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A jar (zip) and the archives nested in it: packages and warnings, or an {@link InputException};
 * never another failure. An unreadable archive is a warning, as the analyzer documents.
 */
class JavaArchiveAnalyzerFuzzTest {

  private static final int MAX_INPUT = 256 * 1024;

  /** Small bounds, so a fuzzed bomb is caught in milliseconds. */
  private static final ArchiveLimits LIMITS = new ArchiveLimits(3, 1_000, 4L * 1024 * 1024, 1_000);

  @FuzzTest
  void archive(byte[] input) throws IOException {
    if (input.length > MAX_INPUT) {
      return;
    }
    try {
      new JavaArchiveAnalyzer(LIMITS)
          .analyze(
              new AnalysisInput("app/lib/fuzz.jar", input.length, new ByteArrayInputStream(input)));
    } catch (InputException refused) {
      // a documented input error
    }
  }
}
