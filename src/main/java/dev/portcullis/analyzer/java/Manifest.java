package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;

/**
 * A {@code MANIFEST.MF}, the second-best evidence: Implementation and Bundle headers name many
 * archives that carry no pom.properties.
 */
record Manifest(
    String title, String version, String vendorId, String symbolicName, String bundleVersion) {

  private static final int MAX_BYTES = 1024 * 1024;

  static Manifest read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES);
    Attributes main =
        new java.util.jar.Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
    return new Manifest(
        main.getValue("Implementation-Title"),
        main.getValue("Implementation-Version"),
        main.getValue("Implementation-Vendor-Id"),
        main.getValue("Bundle-SymbolicName"),
        main.getValue("Bundle-Version"));
  }

  /** Coordinates from the headers, or null when they do not name both a package and a version. */
  Package toPackage(String location) {
    String name = null;
    String packageVersion = null;
    if (symbolicName != null && bundleVersion != null) {
      name = symbolicName.split(";")[0].strip();
      packageVersion = bundleVersion;
    } else if (title != null && version != null) {
      name = vendorId != null ? vendorId + ":" + title : title;
      packageVersion = version;
    }
    if (name == null || name.isEmpty()) {
      return null;
    }
    return JavaPackages.of(name, packageVersion, location, "MANIFEST.MF");
  }
}
