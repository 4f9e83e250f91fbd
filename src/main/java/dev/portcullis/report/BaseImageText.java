package dev.portcullis.report;

import dev.portcullis.baseimage.BaseImageCheck;
import dev.portcullis.baseimage.Proposal;

/** The words the base-image writers share. */
final class BaseImageText {

  private BaseImageText() {}

  /** "allowed", or "allowed -> preferred" when the proposed image is in another tier. */
  static String tiers(BaseImageCheck check) {
    if (check.tier() == null) {
      return "";
    }
    Proposal proposed = check.update() != null ? check.update() : check.majorUpdate();
    return proposed == null || proposed.tier() == check.tier()
        ? check.tier().label()
        : check.tier().label() + " -> " + proposed.tier().label();
  }

  /** The problem, the moved tag, else the selector's note. */
  static String note(BaseImageCheck check) {
    if (check.problem() != null) {
      return "not checked: " + check.problem();
    }
    if (check.tagMoved()) {
      return "tag moved: the pinned digest is no longer "
          + check.from().image().tag()
          + "'s, rebuild";
    }
    if (!check.from().writtenLiterally()
        && (check.update() != null || check.majorUpdate() != null)) {
      return "the image comes from build arguments: update their defaults";
    }
    return check.note() == null ? "" : check.note();
  }
}
