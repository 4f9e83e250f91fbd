package dev.portcullis.analyzer.apk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Alpine's installed database: any bytes give packages or an {@link InputException}. */
class ApkAnalyzerFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;

  @FuzzTest
  void installedDatabase(byte[] input) throws IOException {
    if (input.length > MAX_INPUT) {
      return;
    }
    try {
      new ApkAnalyzer()
          .analyze(
              new AnalysisInput(
                  "lib/apk/db/installed", input.length, new ByteArrayInputStream(input)));
    } catch (InputException refused) {
      // a documented input error
    }
  }
}
