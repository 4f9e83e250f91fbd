package dev.portcullis.cli;

import dev.portcullis.artifact.ImageSources;
import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.attribution.NewerBaseImages;
import dev.portcullis.baseimage.LiveRegistryLookup;
import dev.portcullis.baseimage.TagSelector;
import dev.portcullis.image.ImageSource;
import dev.portcullis.scan.BaseImageUpdates;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** What {@code scan image} tells of findings by origin: what fixes the base's, grouping. */
final class OriginOptions {

  @Option(
      names = "--base-image-update",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "For findings that came with a named base image, read the newest compatible build of"
              + " the base (as 'base-image check' finds it) and tell which it fixes (default: on;"
              + " --no-base-image-update not to ask the registry for it).")
  boolean baseImageUpdate;

  /**
   * What finds and reads the newer base image, through the scan's own inventory reading; null when
   * not wanted.
   */
  BaseImageUpdates updates(ScanOptions scan, PrintWriter err) {
    if (!baseImageUpdate || scan.offline) {
      return null;
    }
    SourceOptions source = scan.sourceOptions();
    return new NewerBaseImages(
        new LiveRegistryLookup(source.insecureRegistry(), source.registryTimeouts()),
        new TagSelector(false),
        name -> {
          err.println("portcullis: scanning the newer base image " + name);
          try (ImageSource image = ImageSources.open(name, source)) {
            return scan.imageInventory(image);
          }
        });
  }

  @Option(
      names = "--group-by",
      paramLabel = "origin",
      description =
          "origin: the table's findings grouped by where they came from, the base image or the"
              + " application, under a summary line.")
  String groupBy;

  /** Whether the table groups findings by origin; any other value is a usage error. */
  boolean groupByOrigin() {
    if (groupBy == null) {
      return false;
    }
    if (!groupBy.equals("origin")) {
      throw new UsageException("--group-by takes 'origin', not '" + groupBy + "'");
    }
    return true;
  }
}
