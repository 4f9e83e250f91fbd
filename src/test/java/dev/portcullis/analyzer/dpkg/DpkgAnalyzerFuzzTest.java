package dev.portcullis.analyzer.dpkg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The dpkg status database, a status.d entry and a file list: any bytes give packages and files or
 * an {@link InputException}, never another failure.
 */
class DpkgAnalyzerFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;
  private static final String[] PATHS = {
    "var/lib/dpkg/status", "var/lib/dpkg/status.d/libc6", "var/lib/dpkg/info/bash.list"
  };

  @FuzzTest
  void statusDatabase(byte[] input) throws IOException {
    if (input.length > MAX_INPUT || input.length == 0) {
      return;
    }
    // The last byte picks the file; the rest is its content.
    String path = PATHS[Math.floorMod(input[input.length - 1], PATHS.length)];
    byte[] content = Arrays.copyOf(input, input.length - 1);
    try {
      new DpkgAnalyzer()
          .analyze(new AnalysisInput(path, content.length, new ByteArrayInputStream(content)));
    } catch (InputException refused) {
      // a documented input error
    }
  }
}
