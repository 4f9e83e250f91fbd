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
 * @param perEcosystem records stored, per ecosystem they affect: a record affecting packages of two
 *     ecosystems counts in both, once in each
 * @param entriesPerEcosystem the stored records' affected entries (one package, in one release) per
 *     ecosystem: a record fixing one source package in three Debian releases has three
 */
public record ImportReport(
    long imported,
    long unchanged,
    long skipped,
    List<String> firstSkipped,
    Map<String, Long> perEcosystem,
    Map<String, Long> entriesPerEcosystem) {

  public ImportReport {
    firstSkipped = List.copyOf(firstSkipped);
    perEcosystem = Map.copyOf(perEcosystem);
    entriesPerEcosystem = Map.copyOf(entriesPerEcosystem);
  }
}
