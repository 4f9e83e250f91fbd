package dev.portcullis.policy;

import dev.portcullis.registry.ImageReference;

/**
 * Seed 000's base-image tiers as data: preferred, allowed, restricted and forbidden. An image is
 * forbidden when the forbidden tier names it, else it takes the first of preferred, allowed and
 * restricted that names it on a registry the tier trusts, else it is forbidden.
 */
public record BaseImagePolicy(
    BaseImageTier preferred,
    BaseImageTier allowed,
    BaseImageTier restricted,
    BaseImageTier forbidden) {

  /** The tiers by name, in the order they are listed. */
  public enum Tier {
    PREFERRED,
    ALLOWED,
    RESTRICTED,
    FORBIDDEN;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where an image falls.
   *
   * @param pattern the pattern that named it, or null when no tier did
   * @param definition the tier's definition (its reason and suggestion); null only for a forbidden
   *     image in a policy without a forbidden tier
   */
  public record Classification(Tier tier, ImagePattern pattern, BaseImageTier definition) {

    public String reason() {
      return definition != null
          ? definition.reason()
          : "not named by any tier of the policy, or from an untrusted registry";
    }
  }

  public Classification classify(ImageReference image) {
    Classification forbiddenByName = named(Tier.FORBIDDEN, forbidden, image);
    if (forbiddenByName != null) {
      return forbiddenByName;
    }
    for (Tier tier : new Tier[] {Tier.PREFERRED, Tier.ALLOWED, Tier.RESTRICTED}) {
      Classification match = named(tier, definition(tier), image);
      if (match != null) {
        return match;
      }
    }
    return new Classification(Tier.FORBIDDEN, null, forbidden);
  }

  public BaseImageTier definition(Tier tier) {
    return switch (tier) {
      case PREFERRED -> preferred;
      case ALLOWED -> allowed;
      case RESTRICTED -> restricted;
      case FORBIDDEN -> forbidden;
    };
  }

  private static Classification named(Tier tier, BaseImageTier definition, ImageReference image) {
    if (definition == null) {
      return null;
    }
    for (ImagePattern pattern : definition.images()) {
      if (pattern.matches(image, definition.registries())) {
        return new Classification(tier, pattern, definition);
      }
    }
    return null;
  }
}
