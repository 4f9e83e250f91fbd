package dev.portcullis.cli;

import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.attribution.BaseImageAttributor;
import dev.portcullis.attribution.BaseImageHints;
import dev.portcullis.attribution.RegistryBaseImages;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How an image's base is identified, for images whose manifest and config do not name it. */
final class AttributionOptions {

  @Option(
      names = "--dockerfile",
      paramLabel = "FILE",
      description =
          "The Dockerfile the image was built from: its final stage's FROM names the base image,"
              + " unless the image's base annotations or labels do.")
  Path dockerfile;

  @Option(
      names = "--base-image",
      paramLabel = "REF",
      description =
          "The base image (HOST/REPO:TAG[@sha256:…]), unless the image's annotations or labels or"
              + " --dockerfile name it. Without any, the base is guessed from the history.")
  String baseImage;

  /** The attributor over the base images' registries, asked as the scanned image's source is. */
  BaseImageAttributor attributor(SourceOptions source) {
    return new BaseImageAttributor(
        new RegistryBaseImages(source), new BaseImageHints(dockerfile, baseImage));
  }
}
