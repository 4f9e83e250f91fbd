package dev.portcullis.cli;

import dev.portcullis.files.AtomicWrite;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a finished report where the user asked. A failure half-way leaves no partial report that
 * looks complete: a file is rendered beside its place and appears by atomic rename; a report for
 * standard output is rendered into a temporary file first, then copied, so that neither is ever
 * held in memory whole.
 */
final class ReportOutput {

  @FunctionalInterface
  interface Renderer {
    void render(OutputStream out) throws IOException;
  }

  private ReportOutput() {}

  static void write(Path file, PrintWriter stdout, Renderer renderer) throws IOException {
    if (file == null) {
      Path rendered = Files.createTempFile("portcullis-report", ".partial");
      try {
        AtomicWrite.replace(rendered, renderer::render);
        try (Reader text = Files.newBufferedReader(rendered, StandardCharsets.UTF_8)) {
          text.transferTo(stdout);
        }
        stdout.flush();
      } finally {
        Files.deleteIfExists(rendered);
      }
      return;
    }
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new UsageException(
          "cannot write " + file + ": the directory " + directory + " does not exist");
    }
    AtomicWrite.replace(absolute, renderer::render);
  }
}
