package dev.portcullis.baseimage;

import dev.portcullis.image.Digest;
import dev.portcullis.policy.BaseImagePolicy.Tier;
import dev.portcullis.registry.ImageReference;

/**
 * A tag to move a base image to.
 *
 * @param image the proposed image, by tag
 * @param digest what the tag names now, for pinning
 * @param tier the base-image policy's tier of the proposed image
 * @param delta the vulnerabilities the move removes and adds; null unless asked for (--scan)
 */
public record Proposal(ImageReference image, Digest digest, Tier tier, VulnerabilityDelta delta) {

  public Proposal withDelta(VulnerabilityDelta computed) {
    return new Proposal(image, digest, tier, computed);
  }

  /** The reference to write in a FROM line: {@code name:tag}, or {@code name:tag@digest}. */
  public String written(String currentWritten, boolean pinDigest) {
    return References.rewrite(currentWritten, image.tag(), pinDigest ? digest : null);
  }
}
