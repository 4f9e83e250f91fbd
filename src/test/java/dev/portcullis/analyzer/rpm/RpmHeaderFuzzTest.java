package dev.portcullis.analyzer.rpm;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * One header blob of an rpm database, parsed and turned into a package as {@link RpmAnalyzer} does:
 * a malformed blob is an {@link IllegalArgumentException}, the analyzer's documented refusal, and
 * nothing else (no out-of-bounds read, no huge allocation).
 */
class RpmHeaderFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;

  @FuzzTest
  void header(byte[] input) {
    if (input.length > MAX_INPUT) {
      return;
    }
    try {
      RpmAnalyzer.toPackage(RpmHeader.parse(input), "var/lib/rpm/rpmdb.sqlite");
    } catch (IllegalArgumentException refused) {
      // "malformed rpm header: …", which the analyzer reports for the database
    }
  }
}
