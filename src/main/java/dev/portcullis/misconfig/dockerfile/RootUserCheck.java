package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * PC-DF-100: the image that ships runs as root, by {@code USER root}/{@code 0} or because no USER
 * follows a base image that runs as root. Distroless {@code nonroot} images and Chainguard images
 * run as a non-root user of their own.
 */
final class RootUserCheck implements Check {

  private static final Pattern NON_ROOT_BASE =
      Pattern.compile("gcr\\.io/distroless/.*:(.*-)?nonroot(-.*)?|cgr\\.dev/chainguard/.*");

  @Override
  public void check(LintContext context, Findings findings) {
    Stage last = context.finalStage();
    if (last == null) {
      return;
    }
    Instruction user = null;
    Stage userStage = null;
    for (Stage stage : context.shippedStages()) {
      for (Instruction instruction : stage.instructions()) {
        if (instruction.is("USER")) {
          user = instruction;
          userStage = stage;
        }
      }
    }
    if (user != null) {
      if (!user.resolved()) {
        return;
      }
      String name = user.expanded().strip();
      int colon = name.indexOf(':');
      String account = colon >= 0 ? name.substring(0, colon) : name;
      if (account.equals("root") || account.equals("0")) {
        findings.add(
            Rules.ROOT,
            userStage,
            user,
            "USER " + name + ": the image runs as root; a compromised process owns the container");
      }
      return;
    }
    Stage root = context.shippedStages().get(0);
    BaseImage base = root.base();
    if (base.isImage() && NON_ROOT_BASE.matcher(withoutDigest(base)).matches()) {
      return;
    }
    if (base.kind() == BaseImage.Kind.UNRESOLVED || base.kind() == BaseImage.Kind.INVALID) {
      return;
    }
    findings.add(
        Rules.ROOT,
        last,
        last.from().line(),
        last.from().endLine(),
        "no USER in the final stage: the image runs as "
            + (base.kind() == BaseImage.Kind.SCRATCH
                ? "uid 0"
                : "the base image's user, root for " + base.resolved()),
        Rules.ROOT.severity(),
        List.of("DL3002", "DS002"));
  }

  private static String withoutDigest(BaseImage base) {
    var reference = base.reference();
    return reference.registry()
        + "/"
        + reference.repository()
        + (reference.tag() == null ? "" : ":" + reference.tag());
  }
}
