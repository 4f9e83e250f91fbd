package dev.portcullis.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * The software bill of materials of one target: the only thing detectors and reports see.
 *
 * @param os the detected operating system, or null if none was found
 * @param warnings things the scan could not do, which a reader of the report must know
 * @param secrets secrets found, masked; empty when secrets were not looked for
 * @param attribution which layers came with the base image; null where that was not asked (a
 *     directory, an SBOM file)
 */
public record Inventory(
    ImageInfo image,
    OsRelease os,
    List<LayerInfo> layers,
    List<Package> packages,
    List<String> warnings,
    List<SecretFinding> secrets,
    Attribution attribution) {

  public Inventory {
    layers = List.copyOf(layers);
    packages = List.copyOf(packages);
    warnings = List.copyOf(warnings);
    secrets = List.copyOf(secrets);
  }

  /** The same inventory with one more thing the scan could not do. */
  public Inventory withWarning(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(warning);
    return new Inventory(image, os, layers, packages, more, secrets, attribution);
  }

  /** The same inventory with its layers attributed to the base image or the application. */
  public Inventory withAttribution(Attribution value) {
    return new Inventory(image, os, layers, packages, warnings, secrets, value);
  }

  /** Where a package came from: the base image, the application, or unknown. */
  public Origin originOf(Package pkg) {
    return attribution == null ? Origin.UNKNOWN : attribution.originOf(pkg.layer());
  }

  /** An inventory whose layers are not attributed. */
  public Inventory(
      ImageInfo image,
      OsRelease os,
      List<LayerInfo> layers,
      List<Package> packages,
      List<String> warnings,
      List<SecretFinding> secrets) {
    this(image, os, layers, packages, warnings, secrets, null);
  }

  /** An inventory of packages only. */
  public Inventory(
      ImageInfo image,
      OsRelease os,
      List<LayerInfo> layers,
      List<Package> packages,
      List<String> warnings) {
    this(image, os, layers, packages, warnings, List.of(), null);
  }
}
