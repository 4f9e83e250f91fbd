package dev.portcullis.cli;

import dev.portcullis.files.AtomicWrite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a finished report where the user asked. The report is rendered whole first, so a failure
 * half-way leaves no partial report that looks complete; a file appears by atomic rename.
 */
final class ReportOutput {

  @FunctionalInterface
  interface Renderer {
    void render(OutputStream out) throws IOException;
  }

  private ReportOutput() {}

  static void write(Path file, PrintWriter stdout, Renderer renderer) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    renderer.render(buffer);
    if (file == null) {
      stdout.print(buffer.toString(StandardCharsets.UTF_8));
      stdout.flush();
      return;
    }
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new UsageException(
          "cannot write " + file + ": the directory " + directory + " does not exist");
    }
    AtomicWrite.replace(absolute, buffer.toByteArray());
  }
}
