package dev.portcullis.vulndb;

import java.util.List;

/**
 * One affected-package entry of a stored record: the ranges and versions the matcher evaluates.
 *
 * @param release the ecosystem release the entry is for ("12" of "Debian:12"), or empty
 * @param ecosystemSpecific the entry's {@code ecosystem_specific} JSON, or null
 * @param databaseSpecific the entry's {@code database_specific} JSON, or null
 */
public record StoredAffected(
    String vulnerabilityId,
    String ecosystem,
    String release,
    String packageName,
    List<OsvRecord.Range> ranges,
    List<String> versions,
    String ecosystemSpecific,
    String databaseSpecific) {

  public StoredAffected {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }
}
