package dev.portcullis.baseimage;

import dev.portcullis.baseimage.BaseImageChange.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what {@code base-image update} writes for each checked FROM: the newest compatible tag
 * (of a later major version only when asked), else the digest the pinned tag names now, else, when
 * asked, the current tag's digest. A digest already pinned stays pinned.
 */
public final class UpdatePlanner {

  private final boolean majors;
  private final boolean pinDigests;

  /**
   * @param majors move to later major versions too
   * @param pinDigests write {@code tag@sha256:…} for every image changed or left as it is
   */
  public UpdatePlanner(boolean majors, boolean pinDigests) {
    this.majors = majors;
    this.pinDigests = pinDigests;
  }

  public List<BaseImageChange> plan(List<BaseImageCheck> checks) {
    List<BaseImageChange> changes = new ArrayList<>();
    for (BaseImageCheck check : checks) {
      if (check.problem() != null || !check.from().writtenLiterally()) {
        continue;
      }
      String written = check.from().written();
      boolean pin = pinDigests || check.pinned() != null;
      Proposal target =
          majors && check.majorUpdate() != null ? check.majorUpdate() : check.update();
      if (target != null) {
        changes.add(
            new BaseImageChange(
                check,
                target.written(written, pin),
                target == check.majorUpdate() ? Reason.MAJOR_UPDATE : Reason.UPDATE,
                target));
      } else if (check.tagMoved()) {
        changes.add(
            new BaseImageChange(
                check,
                References.rewrite(written, check.from().image().tag(), check.current()),
                Reason.REPIN,
                null));
      } else if (pinDigests && check.pinned() == null && check.current() != null) {
        changes.add(
            new BaseImageChange(
                check,
                References.rewrite(written, check.from().image().tag(), check.current()),
                Reason.PIN,
                null));
      }
    }
    return changes;
  }
}
