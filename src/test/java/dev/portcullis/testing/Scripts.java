package dev.portcullis.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the repository's fixture scripts (scripts/NAME OUT), which build real test inputs. */
public final class Scripts {

  private Scripts() {}

  /**
   * Runs {@code scripts/NAME OUT [ARGS...]} with its output in {@code OUT.log} (the test JVM's own
   * stdout is Surefire's channel, and its stdin no script may read); fails if the script fails.
   */
  public static void run(String script, Path out, String... more) {
    List<String> command = new ArrayList<>(List.of("bash", "scripts/" + script, out.toString()));
    command.addAll(List.of(more));
    Path log = Path.of(out + ".log");
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
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
