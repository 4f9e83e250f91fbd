package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * PC-DF-002 (no tag or :latest) and PC-DF-003 (tag without digest) for every FROM image. Images the
 * policy lists under {@code version-in-repository} publish no version tags: their latest is
 * accepted, and only the digest rule applies.
 */
final class ImageTagCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    for (Stage stage : context.stages()) {
      BaseImage base = stage.base();
      if (!base.isImage()) {
        continue;
      }
      Instruction from = stage.from();
      boolean digest = base.reference().digest() != null;
      boolean latest = !base.tagGiven() || "latest".equals(base.reference().tag());
      if (latest && !digest && context.settings().versionInRepository(base.reference())) {
        findings.add(
            Rules.DIGEST,
            stage,
            from,
            "FROM "
                + base.resolved()
                + ": the version is in the repository name, but latest still moves; pin it by"
                + " digest");
      } else if (!base.tagGiven() && !digest) {
        findings.add(
            Rules.LATEST,
            stage,
            from,
            "FROM " + base.resolved() + ": no tag, so whatever 'latest' is on the day of the build",
            List.of("DL3006"));
      } else if ("latest".equals(base.reference().tag()) && !digest) {
        findings.add(
            Rules.LATEST,
            stage,
            from,
            "FROM " + base.resolved() + ": 'latest' moves; builds are not reproducible",
            List.of("DL3007"));
      } else if (!digest) {
        findings.add(
            Rules.DIGEST,
            stage,
            from,
            "FROM "
                + base.resolved()
                + ": the tag is not pinned by a digest and can move to other content");
      }
    }
  }
}
