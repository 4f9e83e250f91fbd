package dev.portcullis.analyzer.elf;

import dev.portcullis.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Go and Rust inputs of scripts/build-gorust-inputs.sh (npm's Go executables, Debian's
 * go.mod and a crate built by Debian's cargo), made once per run (and kept) under
 * target/gorust-inputs.
 */
public final class RealInputs {

  private static Path built;

  private RealInputs() {}

  public static synchronized Path directory() {
    if (built == null) {
      Path out = Path.of(System.getProperty("portcullis.gorustInputs", "target/gorust-inputs"));
      if (!Files.exists(out.resolve(".complete-2"))) {
        Scripts.run("build-gorust-inputs.sh", out);
      }
      built = out;
    }
    return built;
  }

  public static Path resolve(String relative) {
    return directory().resolve(relative);
  }
}
