package dev.portcullis.inventory;

import java.util.List;
import java.util.Set;

/**
 * One installed package.
 *
 * @param type the purl type: {@code deb}, {@code apk}, {@code rpm}
 * @param version the full version in the ecosystem's notation ({@code 1:2.36-9+deb12u7}, {@code
 *     3.0.15-r0}, {@code 1:3.0.7-27.el9} for rpm with epoch)
 * @param sourceName the source package (dpkg Source, apk origin, the source rpm's name)
 * @param sourceVersion the source package's version, which may differ from the binary's
 * @param foundIn the database file the package was read from
 * @param layer the layer that installed this version; null until the layers are merged
 * @param purl the Package URL; null until the operating system is known
 * @param files installed files, where the package database lists them
 * @param evidence what identified the package when it was not a package database or a build's own
 *     metadata ("MANIFEST.MF", "file name"); null otherwise
 * @param dev whether the project needs the package for development only (a lockfile's dev
 *     dependency), not at run time
 * @param sha1 the SHA-1 of the file the package was read from, where that file is the package
 *     itself (a Java archive), so its coordinates can be confirmed against a repository; else null
 * @param ownedBy for a language package, the OS package that installed its metadata file (Debian's
 *     {@code python3-six} for {@code six}): the distribution patches it, so its advisories judge
 *     it; null where no OS package lists the file
 */
public record Package(
    String type,
    String name,
    String version,
    String arch,
    String sourceName,
    String sourceVersion,
    String maintainer,
    String license,
    String foundIn,
    LayerInfo layer,
    String purl,
    List<String> files,
    String evidence,
    boolean dev,
    String sha1,
    String ownedBy) {

  public Package {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /**
   * A package of a language ecosystem, named by its own metadata or a lockfile.
   *
   * @param type the purl type: {@code npm}, {@code pypi}, {@code golang}, {@code cargo} …
   * @param foundIn the file that names it
   */
  public static Package library(String type, String name, String version, String foundIn) {
    return new Package(
        type, name, version, null, name, version, null, null, foundIn, null, null, List.of(), null,
        false, null, null);
  }

  /** The same package, marked as a development-only dependency. */
  public Package asDevelopmentOnly() {
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        maintainer,
        license,
        foundIn,
        layer,
        purl,
        files,
        evidence,
        true,
        sha1,
        ownedBy);
  }

  /** The same package with who made it and under which licence, as its metadata says. */
  public Package withAuthorship(String author, String licence) {
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        author,
        licence,
        foundIn,
        layer,
        purl,
        files,
        evidence,
        dev,
        sha1,
        ownedBy);
  }

  /** The same package with the SHA-1 of the archive it is. */
  public Package withSha1(String archiveSha1) {
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        maintainer,
        license,
        foundIn,
        layer,
        purl,
        files,
        evidence,
        dev,
        archiveSha1,
        ownedBy);
  }

  /** The same package, installed by the OS package {@code osPackage}. */
  public Package withOwner(String osPackage) {
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        maintainer,
        license,
        foundIn,
        layer,
        purl,
        files,
        evidence,
        dev,
        sha1,
        osPackage);
  }

  /** The file that names the package; for an archive inside another, the outermost archive. */
  public String containingFile() {
    int nested = foundIn == null ? -1 : foundIn.indexOf("!/");
    return nested < 0 ? foundIn : foundIn.substring(0, nested);
  }

  /** The purl types of operating system packages; every other type is a language's. */
  public static final Set<String> OS_TYPES = Set.of("deb", "apk", "rpm");

  /** Whether an operating system's package manager installed it. */
  public boolean managedByOs() {
    return OS_TYPES.contains(type);
  }

  /** Identifies an installed package version: equal keys, same package installed. */
  public String installedKey() {
    return type + '\u0000' + name + '\u0000' + version + '\u0000' + (arch == null ? "" : arch);
  }

  public Package withFiles(List<String> installedFiles) {
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        maintainer,
        license,
        foundIn,
        layer,
        purl,
        installedFiles,
        evidence,
        dev,
        sha1,
        ownedBy);
  }

  public Package withOrigin(LayerInfo introducedBy, String packageUrl) {
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        maintainer,
        license,
        foundIn,
        introducedBy,
        packageUrl,
        files,
        evidence,
        dev,
        sha1,
        ownedBy);
  }
}
