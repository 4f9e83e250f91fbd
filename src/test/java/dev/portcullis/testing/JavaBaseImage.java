package dev.portcullis.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian 12 Java 17 runtime image of scripts/build-java-base-image.sh (the local stand-in for
 * the distroless base of Portcullis' own image), built once (and kept) under
 * target/java-base-image: about 2.5 minutes the first time, on 2 cores with a near Debian mirror.
 */
public final class JavaBaseImage {

  private static Path built;

  private JavaBaseImage() {}

  /** The OCI layout holding the image as tag {@code java17}, built first if this run has not. */
  public static synchronized Path ociLayout() {
    if (built == null) {
      Path out = Path.of(System.getProperty("portcullis.javaBaseImage", "target/java-base-image"));
      if (!Files.exists(out.resolve(".complete-1"))) {
        Scripts.run("build-java-base-image.sh", out);
      }
      built = out;
    }
    return built.resolve("oci");
  }
}
