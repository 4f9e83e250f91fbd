package dev.portcullis.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A layer blob (plain, gzip or zstd tar) walked as a registry's blob is, every file read to its
 * end: it is walked, or refused with an {@link InputException}; never another failure.
 */
class TarLayerWalkerFuzzTest {

  private static final int MAX_INPUT = 256 * 1024;
  private static final long MIB = 1024 * 1024;

  /** Small bounds, so a fuzzed bomb is caught in milliseconds. */
  private static final Limits LIMITS =
      new Limits(4 * MIB, 100, 64 * 1024, 1_000, MIB, MIB, MIB, 100, 64 * 1024, MIB);

  private static final LayerRef LAYER = new LayerRef(0, null, null, 0, "fuzz", "");

  @FuzzTest
  void walk(byte[] input) throws IOException {
    if (input.length > MAX_INPUT) {
      return;
    }
    try {
      new TarLayerWalker("fuzz", LIMITS)
          .walk(
              new ByteArrayInputStream(input),
              LAYER,
              entry -> entry.content().transferTo(OutputStream.nullOutputStream()));
    } catch (InputException refused) {
      // a corrupt, truncated or oversized layer
    }
  }
}
