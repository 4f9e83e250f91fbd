package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last resort: {@code log4j-core-2.14.1.jar} names log4j-core, version 2.14.1, group unknown.
 */
final class FileNames {

  private static final Pattern NAME_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+-]*)\\.[a-z]+$");

  private FileNames() {}

  static Package toPackage(String location) {
    String file =
        location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('!')) + 1);
    Matcher m = NAME_VERSION.matcher(file);
    String name = m.matches() ? m.group(1) : file.replaceFirst("\\.[a-zA-Z]+$", "");
    String version = m.matches() ? m.group(2) : "";
    return JavaPackages.of(name, version, location, "file name");
  }
}
