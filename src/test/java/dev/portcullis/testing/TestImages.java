package dev.portcullis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Debian images of scripts/build-test-images.sh, built once per run (and kept) under
 * target/test-images.
 */
public final class TestImages {

  private static Path built;

  private TestImages() {}

  /** The image directory, building the images first if this run has not. */
  public static synchronized Path directory() {
    if (built == null) {
      Path out = Path.of(System.getProperty("portcullis.testImages", "target/test-images"));
      if (!Files.exists(out.resolve(".complete-3"))) {
        Scripts.run("build-test-images.sh", out);
      }
      built = out;
    }
    return built;
  }

  public static Path dockerArchive(String tag) {
    return directory().resolve(tag + ".tar");
  }

  public static Path ociArchive(String tag) {
    return directory().resolve(tag + ".oci.tar");
  }

  public static Path ociLayout() {
    return directory().resolve("oci");
  }

  /**
   * What real dpkg says the image has installed: "name version arch source source-version" lines.
   */
  public static List<String> dpkgOracle(String tag) throws IOException {
    return Files.readAllLines(directory().resolve(tag + ".packages"));
  }

  /** What the Python image's own metadata files say is installed: "name version" lines. */
  public static List<String> pythonDistributions() throws IOException {
    return Files.readAllLines(directory().resolve("python.distributions"));
  }

  /** The old and the new tzdata version of the upgrade layer. */
  public static List<String> tzdataVersions() throws IOException {
    return Files.readAllLines(directory().resolve("tzdata-versions"));
  }
}
