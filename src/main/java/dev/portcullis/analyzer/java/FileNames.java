package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last resort: {@code log4j-core-2.14.1.jar} names log4j-core, version 2.14.1, group unknown.
 */
final class FileNames {

  private static final Pattern NAME_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+-]*)\\.[a-z]+$");

  private FileNames() {}

  static Package toPackage(String location) {
    String file = fileName(location);
    Matcher m = NAME_VERSION.matcher(file);
    String name = m.matches() ? m.group(1) : file.replaceFirst("\\.[a-zA-Z]+$", "");
    String version = m.matches() ? m.group(2) : "";
    return JavaPackages.of(name, version, location, "file name");
  }

  /** The artifactId a {@code name-version.jar} file name gives, if it gives that version. */
  static Optional<String> artifactId(String location, String version) {
    Matcher m = NAME_VERSION.matcher(fileName(location));
    return m.matches() && m.group(2).equals(version) ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The archive's own name: {@code x.jar} for {@code app.war!/WEB-INF/lib/x.jar}. */
  static String fileName(String location) {
    return location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('!')) + 1);
  }
}
