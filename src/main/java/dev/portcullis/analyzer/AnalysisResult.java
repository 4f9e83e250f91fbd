package dev.portcullis.analyzer;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.secret.SecretMatch;
import java.util.List;
import java.util.Map;

/**
 * What one analyzer found in one file. Results are kept per path so that an upper layer's version
 * of the file, or its whiteout, replaces them.
 *
 * @param os operating system facts, or null
 * @param packages packages the file lists
 * @param packageFiles installed files per package name, from package file lists
 * @param warnings problems the analyzer met but could not resolve
 * @param secrets secrets found in the file, masked
 */
public record AnalysisResult(
    String analyzer,
    String path,
    OsRelease os,
    List<Package> packages,
    Map<String, List<String>> packageFiles,
    List<String> warnings,
    List<SecretMatch> secrets) {

  public AnalysisResult {
    packages = packages == null ? List.of() : List.copyOf(packages);
    packageFiles = packageFiles == null ? Map.of() : Map.copyOf(packageFiles);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** What a package analyzer found: no secrets. */
  public AnalysisResult(
      String analyzer,
      String path,
      OsRelease os,
      List<Package> packages,
      Map<String, List<String>> packageFiles,
      List<String> warnings) {
    this(analyzer, path, os, packages, packageFiles, warnings, List.of());
  }

  public static AnalysisResult ofSecrets(String analyzer, String path, List<SecretMatch> secrets) {
    return new AnalysisResult(analyzer, path, null, List.of(), Map.of(), List.of(), secrets);
  }

  public static AnalysisResult ofOs(String analyzer, String path, OsRelease os) {
    return new AnalysisResult(analyzer, path, os, List.of(), Map.of(), List.of());
  }

  public static AnalysisResult ofPackages(String analyzer, String path, List<Package> packages) {
    return new AnalysisResult(analyzer, path, null, packages, Map.of(), List.of());
  }

  public static AnalysisResult ofFiles(
      String analyzer, String path, String packageName, List<String> files) {
    return new AnalysisResult(
        analyzer, path, null, List.of(), Map.of(packageName, files), List.of());
  }

  public static AnalysisResult ofWarning(String analyzer, String path, String warning) {
    return new AnalysisResult(analyzer, path, null, List.of(), Map.of(), List.of(warning));
  }

  /** Whether the analyzer found nothing at all in the file: nothing to keep. */
  public boolean isEmpty() {
    return os == null
        && packages.isEmpty()
        && packageFiles.isEmpty()
        && warnings.isEmpty()
        && secrets.isEmpty();
  }

  /** The same findings attributed to another path (a hard link to the analysed file). */
  public AnalysisResult atPath(String otherPath) {
    return new AnalysisResult(analyzer, otherPath, os, packages, packageFiles, warnings, secrets);
  }
}
