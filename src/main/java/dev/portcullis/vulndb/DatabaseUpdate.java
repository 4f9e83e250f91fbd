package dev.portcullis.vulndb;

import java.util.List;
import java.util.Objects;

/**
 * What one update or import of the vulnerability database did, for the command line to print and
 * the server to decide whether a rescan is due.
 *
 * @param report the OSV records imported, unchanged and skipped
 * @param sources where the records came from: export URLs, files, directories, zips
 * @param nvdRated CVEs whose NVD severity was stored
 * @param fingerprint the SHA-256 of the downloaded exports, in order; empty for an import
 * @param changed whether the database file was replaced with different contents: false when the
 *     exports were the same as the {@code previousFingerprint} given, or when no record was new and
 *     no NVD feed was read
 */
public record DatabaseUpdate(
    ImportReport report, List<String> sources, long nvdRated, String fingerprint, boolean changed) {

  public DatabaseUpdate {
    Objects.requireNonNull(report, "report");
    sources = List.copyOf(sources);
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
