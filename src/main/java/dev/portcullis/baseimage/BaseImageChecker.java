package dev.portcullis.baseimage;

import dev.portcullis.image.Digest;
import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;
import java.util.List;

/**
 * Checks one FROM against its registry: what the tag names now, whether a pinned digest still
 * matches it, and the newest compatible tags to move to, within the major version and beyond it. A
 * registry that cannot answer makes that FROM's problem, never the whole check's.
 */
public final class BaseImageChecker {

  private final RegistryLookup registries;
  private final TagSelector selector;
  private final BaseImagePolicy policy;

  public BaseImageChecker(RegistryLookup registries, TagSelector selector, BaseImagePolicy policy) {
    this.registries = registries;
    this.selector = selector;
    this.policy = policy;
  }

  public BaseImageCheck check(FromReference from) {
    if (from.problem() != null) {
      return BaseImageCheck.failed(from, from.problem());
    }
    ImageReference image = from.image();
    try {
      Digest pinned = image.digest();
      BaseImagePolicy.Tier tier = policy.classify(image).tier();
      if (image.tag() == null) {
        return new BaseImageCheck(
            from,
            registries.digest(image, pinned.toString()),
            pinned,
            tier,
            null,
            null,
            "pinned by digest alone: write the tag too (name:tag@sha256:…) to be offered updates",
            null);
      }
      // What the tag names now; a pinned digest is compared with it, not fetched (upstream may
      // have deleted it, which is exactly when a re-pin is due).
      Digest tagNow = registries.digest(image, image.tag());
      List<String> tags = registries.tags(image);
      UpdateCandidates candidates = selector.select(image.tag(), tags);
      return new BaseImageCheck(
          from,
          tagNow,
          pinned,
          tier,
          proposal(image, candidates.update()),
          proposal(image, candidates.majorUpdate()),
          candidates.note(),
          null);
    } catch (IOException e) {
      return BaseImageCheck.failed(from, e.getMessage());
    }
  }

  private Proposal proposal(ImageReference current, String tag) throws IOException {
    if (tag == null) {
      return null;
    }
    ImageReference proposed =
        new ImageReference(current.registry(), current.repository(), tag, null);
    return new Proposal(
        proposed, registries.digest(proposed, tag), policy.classify(proposed).tier(), null);
  }
}
