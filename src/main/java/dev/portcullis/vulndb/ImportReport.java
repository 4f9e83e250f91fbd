package dev.portcullis.vulndb;

import java.util.List;
import java.util.Map;

/**
 * What one import did.
 *
 * @param imported records stored (new or newer than the stored copy)
 * @param unchanged records whose stored copy was as new or newer
 * @param skipped malformed records passed over
 * @param firstSkipped the first few skipped records, with why, for the user to look at
 * @param perEcosystem records stored per ecosystem they affect
 */
public record ImportReport(
    long imported,
    long unchanged,
    long skipped,
    List<String> firstSkipped,
    Map<String, Long> perEcosystem) {

  public ImportReport {
    firstSkipped = List.copyOf(firstSkipped);
    perEcosystem = Map.copyOf(perEcosystem);
  }
}
