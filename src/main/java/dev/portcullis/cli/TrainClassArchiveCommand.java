package dev.portcullis.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis train-class-archive}: the run {@code bin/portcullis} records its class-data
 * sharing archive from. A dynamic archive holds the classes one JVM loaded, so this JVM runs, one
 * after another, the commands users run most: an SBOM of an image in each report format (the first
 * with an empty layer cache, the others from it), and, where advisories are given, their import and
 * a scan with them. Hidden from help: only the launcher calls it.
 */
@Command(
    name = "train-class-archive",
    hidden = true,
    description = "Runs the common commands once, for bin/portcullis to record its archive from.")
final class TrainClassArchiveCommand implements Callable<Integer> {

  @Parameters(paramLabel = "IMAGE", description = "A docker-archive to scan (the demo image).")
  Path image;

  @Option(
      names = "--advisories",
      paramLabel = "DIR",
      description = "OSV records to import and scan the image with (the demo advisories).")
  Path advisories;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      required = true,
      description = "Where the layer cache, the database and the reports are written.")
  Path work;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    for (List<String> commandLine : commandLines()) {
      int exitCode = Main.run(commandLine.toArray(String[]::new), discard, err);
      if (exitCode != 0) {
        err.println(
            "portcullis: training run '" + String.join(" ", commandLine) + "' exited " + exitCode);
        return exitCode;
      }
    }
    return 0;
  }

  List<List<String>> commandLines() {
    String source = "docker-archive:" + image;
    String cache = work.resolve("layers").toString();
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("sbom", "image", source, "--cache-dir", cache));
    for (String format : List.of("cyclonedx", "spdx-json", "json")) {
      lines.add(
          List.of(
              "sbom",
              "image",
              source,
              "--cache-dir",
              cache,
              "--format",
              format,
              "--output",
              work.resolve("sbom." + format).toString()));
    }
    if (advisories != null) {
      String db = work.resolve("advisories.sqlite").toString();
      lines.add(List.of("db", "import", advisories.toString(), "--db", db));
      lines.add(List.of("scan", "image", source, "--cache-dir", cache, "--db", db));
      lines.add(
          List.of(
              "scan",
              "image",
              source,
              "--cache-dir",
              cache,
              "--db",
              db,
              "--format",
              "json",
              "--output",
              work.resolve("scan.json").toString()));
    }
    return lines;
  }
}
