package dev.portcullis.testing;

import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.util.List;

/** Hand-written inventories for matching tests: an image that holds a few OS packages. */
public final class TestInventories {

  private TestInventories() {}

  /** An OS package ({@code deb}, {@code apk}, {@code rpm}) built from {@code source}. */
  public static Package osPackage(
      String type, String name, String version, String arch, String source, String sourceVersion) {
    return new Package(
        type,
        name,
        version,
        arch,
        source,
        sourceVersion,
        null,
        null,
        "test",
        null,
        null,
        List.of(),
        null,
        false,
        null,
        null);
  }

  /** An image of {@code os} (null where unknown) that holds {@code packages} and nothing else. */
  public static Inventory image(OsRelease os, List<Package> packages) {
    return new Inventory(
        new ImageInfo("test", null, null, List.of(), null, null),
        os,
        List.of(),
        packages,
        List.of());
  }
}
