package dev.portcullis.analyzer.java;

import dev.portcullis.inventory.Package;
import java.util.List;

/** A Java library as the inventory records it, whatever evidence named it. */
final class JavaPackages {

  private JavaPackages() {}

  /**
   * @param name {@code groupId:artifactId}, or what the manifest or file name gives
   * @param location the archive, with {@code !/} for each level of nesting
   * @param evidence null for pom.properties, else "MANIFEST.MF" or "file name"
   */
  static Package of(String name, String version, String location, String evidence) {
    return new Package(
        "maven", name, version, null, name, version, null, null, location, null, null, List.of(),
        evidence, false, null, null);
  }
}
