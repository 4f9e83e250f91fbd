package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code MANIFEST.MF}, the second-best evidence: Implementation, Bundle and module headers name
 * many archives that carry no pom.properties.
 */
record Manifest(
    String title,
    String version,
    String vendorId,
    String symbolicName,
    String bundleVersion,
    String moduleName) {

  private static final int MAX_BYTES = 1024 * 1024;
  private static final String EVIDENCE = "MANIFEST.MF";
  private static final Pattern IVY_TITLE = Pattern.compile("([^#;\\s]+)#([^#;\\s]+);([^#;\\s]+)");

  /** What a Maven groupId or artifactId can be; "Apache Log4j Core" is a title, not an id. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  static Manifest read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES);
    Attributes main =
        new java.util.jar.Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
    String symbolicName = main.getValue("Bundle-SymbolicName");
    return new Manifest(
        main.getValue("Implementation-Title"),
        main.getValue("Implementation-Version"),
        main.getValue("Implementation-Vendor-Id"),
        // "org.example.bundle;singleton:=true": the name is what comes before the directives.
        symbolicName == null ? null : symbolicName.split(";")[0].strip(),
        main.getValue("Bundle-Version"),
        main.getValue("Automatic-Module-Name"));
  }

  /**
   * Coordinates from the headers, cross-checked with the file name; null when they do not name both
   * a package and a version. In order: a Gradle/Ivy title ({@code
   * io.micrometer#micrometer-commons;1.17.2}); an artifactId from the file name, when the manifest
   * confirms its version or its bundle or module name agrees with it, else from a title that is an
   * identifier, with the vendor id as the group; else the bundle or module name as written.
   */
  Package toPackage(String location) {
    Matcher ivy = title == null ? null : IVY_TITLE.matcher(title);
    if (ivy != null && ivy.matches()) {
      return JavaPackages.of(ivy.group(1) + ":" + ivy.group(2), ivy.group(3), location, EVIDENCE);
    }
    String anyVersion =
        !blank(version) ? version.strip() : blank(bundleVersion) ? null : bundleVersion.strip();
    if (anyVersion == null) {
      return null;
    }
    Optional<String> fromFile =
        FileNames.artifactId(location, anyVersion).or(() -> agreeingFileStem(location));
    String artifactId = fromFile.orElse(identifier(title));
    if (artifactId != null) {
      // A symbolic name looks like group.artifactId, but is too often not (Tomcat's is
      // org.apache.tomcat-embed-core for org.apache.tomcat.embed): the group comes from the vendor
      // id, which Maven's archiver writes from the groupId, or is left for the matcher to infer.
      String group = identifier(vendorId);
      return JavaPackages.of(
          group == null ? artifactId : group + ":" + artifactId,
          anyVersion,
          location,
          fromFile.isPresent() ? EVIDENCE + ", file name" : EVIDENCE);
    }
    String named = symbolicName != null ? identifier(symbolicName) : identifier(moduleName);
    return named == null ? null : JavaPackages.of(named, anyVersion, location, EVIDENCE);
  }

  /**
   * A file name without a version ({@code log4j-core.jar}, as Debian installs jars) is the
   * artifactId when the bundle or module name ends with it: {@code org.apache.logging.log4j.core}.
   */
  private Optional<String> agreeingFileStem(String location) {
    String stem = FileNames.fileName(location).replaceFirst("\\.[A-Za-z]+$", "");
    if (identifier(stem) == null) {
      return Optional.empty();
    }
    String dotted = dotted(stem);
    for (String name : new String[] {symbolicName, moduleName}) {
      if (name != null) {
        String other = dotted(name);
        if (other.equals(dotted) || other.endsWith("." + dotted)) {
          return Optional.of(stem);
        }
      }
    }
    return Optional.empty();
  }

  private static String dotted(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The header's value if it is an identifier, else null. */
  private static String identifier(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return IDENTIFIER.matcher(stripped).matches() ? stripped : null;
  }
}
