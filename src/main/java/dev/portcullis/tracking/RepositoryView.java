package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.Map;

/**
 * A repository as the API lists it.
 *
 * @param currentDigest the digest pushed or submitted last; null before any
 * @param tags each tag and the digest it names now
 * @param open open findings by severity (severities with none are left out)
 * @param overdue overdue findings
 * @param running whether any of its digests runs in a cluster
 */
public record RepositoryView(
    long id,
    String name,
    String currentDigest,
    List<Tag> tags,
    Map<Severity, Long> open,
    long overdue,
    boolean running) {

  public RepositoryView {
    tags = List.copyOf(tags);
    open = Map.copyOf(open);
  }

  /** A tag and the digest it names. */
  public record Tag(String name, String digest) {}
}
