package dev.portcullis.cli;

import dev.portcullis.artifact.ImageSources;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.LocalSources;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.report.InventoryWriter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis sbom image|fs TARGET}: the inventory of an image or directory. */
@Command(
    name = "sbom",
    description = "List what an image or directory contains (a software bill of materials).",
    mixinStandardHelpOptions = true)
final class SbomCommand {

  /** Options of every sbom target kind. */
  static final class OutputOptions {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "table, json, cyclonedx or spdx-json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the report to FILE instead of standard output.")
    Path output;

    /**
     * The writer for the chosen format, made before the scan: some prepare while it runs (see
     * CycloneDX).
     */
    InventoryWriter writer() {
      try {
        return InventoryWriter.forFormat(ReportFormat.parse(format));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(
      name = "image",
      mixinStandardHelpOptions = true,
      description = {
        "Inventory of a container image.",
        "",
        "SOURCE is docker-archive:PATH, oci:DIR[:TAG], oci-archive:PATH[:TAG], registry:HOST/REPO:TAG|@DIGEST,",
        "rootfs:DIR or rootfs-tar:PATH; without a prefix the kind is detected."
      })
  static final class Image implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", description = "The image.")
    String source;

    @Mixin OutputOptions output;
    @Mixin ScanOptions scan;
    @Mixin AttributionOptions attribution;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      InventoryWriter writer = output.writer();
      try (ImageSource image = ImageSources.open(source, scan.sourceOptions())) {
        return inventoryReport(
            scan.imageInventory(image, true, null, attribution), writer, output, spec);
      }
    }
  }

  @Command(
      name = "fs",
      mixinStandardHelpOptions = true,
      description = "Inventory of a directory (a project or an unpacked root filesystem).")
  static final class Filesystem implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The directory.")
    Path directory;

    @Mixin OutputOptions output;
    @Mixin ScanOptions scan;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      InventoryWriter writer = output.writer();
      try (ImageSource tree = LocalSources.projectDirectory(directory)) {
        return inventoryReport(scan.projectInventory(tree), writer, output, spec);
      }
    }
  }

  private static int inventoryReport(
      Inventory inventory, InventoryWriter writer, OutputOptions output, CommandSpec spec)
      throws IOException {
    ToolInfo tool = ToolInfo.current();
    ReportOutput.write(
        output.output,
        spec.commandLine().getOut(),
        stream -> writer.write(inventory, tool, stream));
    return ExitCodes.OK;
  }
}
