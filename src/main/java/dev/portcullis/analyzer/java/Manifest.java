package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code MANIFEST.MF}, the second-best evidence: Implementation and Bundle headers name many
 * archives that carry no pom.properties.
 */
record Manifest(
    String title, String version, String vendorId, String symbolicName, String bundleVersion) {

  private static final int MAX_BYTES = 1024 * 1024;
  private static final String EVIDENCE = "MANIFEST.MF";
  private static final Pattern IVY_TITLE = Pattern.compile("([^#;\\s]+)#([^#;\\s]+);([^#;\\s]+)");

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

  /**
   * Coordinates from the headers, cross-checked with the file name; null when they do not name both
   * a package and a version. In order: a Gradle/Ivy title ({@code
   * io.micrometer#micrometer-commons;1.17.2}), a vendor id with a title, the file name's artifactId
   * when the manifest confirms its version, and the bundle or title as written.
   */
  Package toPackage(String location) {
    Matcher ivy = title == null ? null : IVY_TITLE.matcher(title);
    if (ivy != null && ivy.matches()) {
      return JavaPackages.of(ivy.group(1) + ":" + ivy.group(2), ivy.group(3), location, EVIDENCE);
    }
    if (vendorId != null && title != null && version != null) {
      return JavaPackages.of(vendorId + ":" + title, version, location, EVIDENCE);
    }
    String anyVersion = version != null ? version : bundleVersion;
    if (anyVersion != null) {
      // A symbolic name looks like group.artifactId, but is too often not (Tomcat's is
      // org.apache.tomcat-embed-core for org.apache.tomcat.embed): no group is guessed from it.
      Optional<String> artifactId = FileNames.artifactId(location, anyVersion);
      if (artifactId.isPresent()) {
        return JavaPackages.of(artifactId.get(), anyVersion, location, EVIDENCE + ", file name");
      }
    }
    String bundle = symbolicName == null ? null : symbolicName.split(";")[0].strip();
    if (bundle != null && !bundle.isEmpty() && bundleVersion != null) {
      return JavaPackages.of(bundle, bundleVersion, location, EVIDENCE);
    }
    if (title != null && !title.isBlank() && version != null) {
      return JavaPackages.of(title, version, location, EVIDENCE);
    }
    return null;
  }
}
