package dev.portcullis.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs the repository's fixture scripts (scripts/NAME.sh OUT), which build real test inputs. */
public final class Scripts {

  private Scripts() {}

  /** Runs {@code scripts/NAME OUT}, its output shown; fails the test run if the script fails. */
  public static void run(String script, Path out) {
    List<String> command = List.of("bash", "scripts/" + script, out.toString());
    try {
      Process process = new ProcessBuilder(command).inheritIO().start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed with exit code " + exit);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
