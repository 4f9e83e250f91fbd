package dev.portcullis.rescan;

import java.time.Duration;
import java.util.List;

/**
 * What one rescan of every current and running image did.
 *
 * @param rescanned images whose stored inventory was matched again and recorded
 * @param withoutInventory images known only from CI reports: no inventory, nothing to re-match
 * @param failed images whose inventory could not be read or whose scan could not be recorded
 * @param problems the first few failures, with the image they concern
 * @param outdatedInventories digests re-matched from an inventory that other analyzers made (an
 *     older Portcullis, or the tool behind an SBOM): worth reading from the registry again
 * @param elapsed the wall time of the whole rescan
 */
public record RescanReport(
    int rescanned,
    int withoutInventory,
    int failed,
    List<String> problems,
    List<String> outdatedInventories,
    Duration elapsed) {

  public RescanReport {
    problems = List.copyOf(problems);
    outdatedInventories = List.copyOf(outdatedInventories);
  }

  /** One line for the server's log. */
  public String summary() {
    return String.format(
        "rescanned %d images in %.1f s (%d without an inventory, %d failed, %d from older analyzers)",
        rescanned,
        elapsed.toMillis() / 1000.0,
        withoutInventory,
        failed,
        outdatedInventories.size());
  }
}
