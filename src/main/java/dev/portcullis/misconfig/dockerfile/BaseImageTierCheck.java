package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.BaseImagePolicy.Classification;
import dev.portcullis.policy.BaseImagePolicy.Tier;
import dev.portcullis.policy.BaseImageTier;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PC-DF-001: every FROM against the policy's tiers. A forbidden image is an error in any stage; in
 * the image that ships, a tier other than preferred that suggests a replacement is a note.
 */
final class BaseImageTierCheck implements Check {

  private static final ImageReference SCRATCH = ImageReference.parse("scratch");

  @Override
  public void check(LintContext context, Findings findings) {
    Rule rule = Rules.BASE_TIER;
    for (Stage stage : context.stages()) {
      BaseImage base = stage.base();
      Instruction from = stage.from();
      switch (base.kind()) {
        case UNRESOLVED ->
            findings.add(
                rule,
                stage,
                from.line(),
                from.endLine(),
                "FROM "
                    + base.written()
                    + ": "
                    + base.whyUnset()
                    + "; the image's tier cannot be checked before the build",
                Severity.MEDIUM,
                List.of());
        case IMAGE, SCRATCH -> classify(context, stage, findings);
        default -> {}
      }
    }
  }

  private static void classify(LintContext context, Stage stage, Findings findings) {
    BaseImage base = stage.base();
    BaseImagePolicy tiers = context.tiers();
    Classification verdict =
        tiers.classify(base.kind() == BaseImage.Kind.SCRATCH ? SCRATCH : base.reference());
    Instruction from = stage.from();
    if (verdict.tier() == Tier.FORBIDDEN) {
      String why =
          verdict.pattern() != null
              ? "the forbidden tier names it (" + verdict.pattern() + ")"
              : "no tier names it on a registry the tier trusts";
      findings.add(
          Rules.BASE_TIER,
          stage,
          from.line(),
          from.endLine(),
          "FROM "
              + base.resolved()
              + ": forbidden base image ("
              + verdict.reason()
              + "): "
              + why
              + preferred(tiers),
          Rules.BASE_TIER.severity(),
          Rules.BASE_TIER.otherIds());
      return;
    }
    BaseImageTier definition = verdict.definition();
    if (verdict.tier() != Tier.PREFERRED
        && definition.suggest() != null
        && context.shipped(stage)) {
      findings.add(
          Rules.BASE_TIER,
          stage,
          from.line(),
          from.endLine(),
          "FROM "
              + base.resolved()
              + ": the image ships on a base of the "
              + verdict.tier().label()
              + " tier ("
              + definition.reason()
              + "); the policy suggests "
              + definition.suggest(),
          Severity.LOW,
          List.of());
    }
  }

  private static String preferred(BaseImagePolicy tiers) {
    BaseImageTier preferred = tiers.preferred();
    if (preferred == null || preferred.images().isEmpty()) {
      return "";
    }
    return "; preferred: "
        + preferred.images().stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
