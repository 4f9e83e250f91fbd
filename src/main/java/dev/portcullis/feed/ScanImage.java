package dev.portcullis.feed;

import dev.portcullis.image.Digest;
import dev.portcullis.tracking.ScanCause;
import java.nio.charset.StandardCharsets;

/**
 * The data of a queued {@code scan-image} job, kept as JSON in the scheduler's table: public and
 * plain, so that a job queued by one release runs on the next.
 *
 * @param registry the registry host, with its port if it has one
 * @param repository the repository inside the registry
 * @param digest the manifest or index digest to pull
 * @param tag the tag it was pushed under or found at; null for none
 * @param cause {@code PUSH} or {@code WATCH}
 */
public record ScanImage(
    String registry, String repository, String digest, String tag, String cause) {

  /** The scheduler's instance ids are at most this long. */
  private static final int MAX_ID = 500;

  static ScanImage of(PushedImage image, ScanCause cause) {
    return new ScanImage(
        image.registry(), image.repository(), image.digest().toString(), image.tag(), cause.name());
  }

  /**
   * The job's identity: one digest of one repository. A second event for it while the first is
   * queued queues nothing; the tag is left out, so two tags pushed at once cost one pull.
   */
  String instanceId() {
    String id = registry + "/" + repository + "@" + digest;
    return id.length() <= MAX_ID
        ? id
        : Digest.sha256Of(id.getBytes(StandardCharsets.UTF_8)).toString();
  }

  PushedImage image() {
    return new PushedImage(registry, repository, Digest.parse(digest), tag, null);
  }

  ScanCause scanCause() {
    return ScanCause.valueOf(cause);
  }
}
