package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** A {@code pom.properties}: the Maven coordinates the build wrote into the archive. */
record PomProperties(String groupId, String artifactId, String version) {

  private static final int MAX_BYTES = 64 * 1024;

  static Optional<PomProperties> read(InputStream in) throws IOException {
    Properties properties = new Properties();
    byte[] bytes = in.readNBytes(MAX_BYTES);
    properties.load(
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
    String groupId = properties.getProperty("groupId");
    String artifactId = properties.getProperty("artifactId");
    String version = properties.getProperty("version");
    if (blank(groupId) || blank(artifactId) || blank(version)) {
      return Optional.empty();
    }
    return Optional.of(new PomProperties(groupId.strip(), artifactId.strip(), version.strip()));
  }

  Package toPackage(String location) {
    String name = groupId + ":" + artifactId;
    return JavaPackages.of(name, version, location, null);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
