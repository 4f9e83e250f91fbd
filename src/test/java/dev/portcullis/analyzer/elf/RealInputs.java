package dev.portcullis.analyzer.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
      if (!Files.exists(out.resolve(".complete-1"))) {
        run(List.of("bash", "scripts/build-gorust-inputs.sh", out.toString()), out);
      }
      built = out;
    }
    return built;
  }

  public static Path resolve(String relative) {
    return directory().resolve(relative);
  }

  /**
   * Runs the script with its output in a log beside the inputs (the test JVM's own stdout is
   * Surefire's channel).
   */
  private static void run(List<String> command, Path out) {
    try {
      Files.createDirectories(out.getParent() == null ? Path.of(".") : out.getParent());
      Path log = Path.of(out + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
              .start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed with exit code " + exit + "; see " + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
