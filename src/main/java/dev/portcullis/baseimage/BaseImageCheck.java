package dev.portcullis.baseimage;

import dev.portcullis.image.Digest;
import dev.portcullis.policy.BaseImagePolicy.Tier;

/**
 * What one FROM's base image looks like in its registry now.
 *
 * @param current the digest the written tag (or digest) names now; null when it could not be read
 * @param pinned the digest the FROM pins ({@code tag@sha256:…}), or null
 * @param tier the base-image policy's tier of the current image
 * @param update the newest compatible tag within the same major version, or null
 * @param majorUpdate the newest compatible tag of a later major version, or null
 * @param note why nothing is proposed (a tag that is no version, the newest already), or null
 * @param problem why the image could not be checked (unresolvable, not found, no access), or null
 */
public record BaseImageCheck(
    FromReference from,
    Digest current,
    Digest pinned,
    Tier tier,
    Proposal update,
    Proposal majorUpdate,
    String note,
    String problem) {

  /** A pinned digest the tag no longer names: the image was rebuilt upstream. */
  public boolean tagMoved() {
    return pinned != null
        && current != null
        && from.image().tag() != null
        && !pinned.equals(current);
  }

  public static BaseImageCheck failed(FromReference from, String problem) {
    return new BaseImageCheck(from, null, null, null, null, null, null, problem);
  }

  public BaseImageCheck withProposals(Proposal newUpdate, Proposal newMajorUpdate) {
    return new BaseImageCheck(
        from, current, pinned, tier, newUpdate, newMajorUpdate, note, problem);
  }
}
