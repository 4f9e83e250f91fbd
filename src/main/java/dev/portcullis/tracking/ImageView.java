package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One digest of one repository as the API shows it.
 *
 * @param current whether it is its repository's current digest
 * @param currentSince when it last became current; null if never
 * @param tags the tags that name it now
 * @param tagHistory each time a tag moved to it, oldest first
 * @param runningIn where it runs, as the cluster reads last saw it
 * @param lastScan null before its first scan
 * @param open the open findings it carries, by severity, as of its latest scan
 * @param overdue how many of those are overdue
 */
public record ImageView(
    long id,
    String repository,
    String digest,
    Instant firstSeen,
    boolean current,
    Instant currentSince,
    List<String> tags,
    List<TagMove> tagHistory,
    List<Workload> runningIn,
    Scan lastScan,
    Map<Severity, Long> open,
    long overdue) {

  public ImageView {
    tags = List.copyOf(tags);
    tagHistory = List.copyOf(tagHistory);
    runningIn = List.copyOf(runningIn);
    open = Map.copyOf(open);
  }

  /** A tag moved to the digest. */
  public record TagMove(String tag, Instant at) {}

  /** A workload the digest runs in. */
  public record Workload(String cluster, String namespace, String workload, Instant seenAt) {}

  /**
   * A scan of the digest.
   *
   * @param verdict {@code pass} or {@code fail}, by the server's gate
   * @param databaseUpdatedAt the vulnerability database's date; null if unknown
   */
  public record Scan(
      long id,
      Instant scannedAt,
      String cause,
      String verdict,
      int findings,
      Instant databaseUpdatedAt) {}
}
