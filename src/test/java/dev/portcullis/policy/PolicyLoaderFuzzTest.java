package dev.portcullis.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A policy file (portcullis.yaml) loaded as the CLI and the server load it: a policy, or an {@link
 * InputException} naming the file and line; never another failure.
 */
class PolicyLoaderFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;
  private static final Path FILE = temporaryPolicy();
  private static final PolicyLoader LOADER = new PolicyLoader();

  @FuzzTest
  void load(byte[] input) throws IOException {
    if (input.length > MAX_INPUT) {
      return;
    }
    Files.write(FILE, input);
    try {
      LOADER.load(FILE);
    } catch (InputException refused) {
      // not YAML, an unknown key, a malformed value
    }
  }

  private static Path temporaryPolicy() {
    try {
      Path file = Files.createTempFile("policy-fuzz", ".yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
