package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * PC-DF-002 (no tag or :latest) and PC-DF-003 (tag without digest) for every FROM image. Images the
 * policy lists under {@code version-in-repository} publish no version tags: their latest is
 * accepted, and only the digest rule applies. A FROM built from ARGs is judged as the builder
 * expands it: an ARG without a value is nothing, so {@code alpine$TAG} has no tag; only where a
 * variable stands in the tag (or the whole image) does the build decide.
 */
final class ImageTagCheck implements Check {

  private static final List<String> NO_TAG = List.of("DL3006", "DS001");
  private static final List<String> LATEST = List.of("DL3007", "DS001");

  @Override
  public void check(LintContext context, Findings findings) {
    for (Stage stage : context.stages()) {
      switch (stage.base().kind()) {
        case IMAGE -> image(context, stage, findings);
        case UNRESOLVED -> fromArguments(stage, findings);
        default -> {}
      }
    }
  }

  private static void image(LintContext context, Stage stage, Findings findings) {
    BaseImage base = stage.base();
    Instruction from = stage.from();
    boolean digest = base.reference().digest() != null;
    boolean latest = !base.tagGiven() || "latest".equals(base.tag());
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
          NO_TAG);
    } else if ("latest".equals(base.tag()) && !digest) {
      findings.add(
          Rules.LATEST,
          stage,
          from,
          "FROM " + base.resolved() + ": 'latest' moves; builds are not reproducible",
          LATEST);
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

  private static void fromArguments(Stage stage, Findings findings) {
    BaseImage base = stage.base();
    Instruction from = stage.from();
    String prefix = "FROM " + base.written() + ": " + base.whyUnset();
    if (base.tag() == null) {
      String written = base.written();
      boolean pathOnly = lastSegment(written).indexOf('$') < 0;
      findings.add(
          Rules.LATEST,
          stage,
          from,
          prefix
              + (pathOnly
                  ? ", and names only the registry or path: the image has no tag, so 'latest'"
                  : ", so it expands to nothing: '"
                      + base.resolved()
                      + "' has no tag, so 'latest'"),
          NO_TAG);
    } else if (base.tag().equals("latest")) {
      findings.add(
          Rules.LATEST,
          stage,
          from,
          prefix + "; the tag is 'latest', which moves; builds are not reproducible",
          LATEST);
    } else if (!base.tag().isEmpty()) {
      findings.add(
          Rules.DIGEST,
          stage,
          from,
          "FROM "
              + base.written()
              + ": the tag is not pinned by a digest and can move to other content");
    }
  }

  /** The reference after its last slash, where name and tag are. */
  private static String lastSegment(String reference) {
    return reference.substring(reference.lastIndexOf('/') + 1);
  }
}
