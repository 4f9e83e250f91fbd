package dev.portcullis.analyzer.java;

/**
 * Bounds on reading one Java archive and what is nested in it (documented in docs/limits.md).
 *
 * @param maxDepth archives inside archives inside …: how deep
 * @param maxEntries entries in one archive
 * @param maxInflatedBytes what an outer archive and everything in it may inflate to
 * @param maxPackages packages ({@code pom.properties}) read from an outer archive and everything in
 *     it
 */
public record ArchiveLimits(int maxDepth, int maxEntries, long maxInflatedBytes, int maxPackages) {

  public static ArchiveLimits defaults() {
    return new ArchiveLimits(5, 200_000, 4L * 1024 * 1024 * 1024, 10_000);
  }
}
