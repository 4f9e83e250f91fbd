package dev.portcullis.misconfig.dockerfile;

/**
 * PC-DF-110 (seed 002 §7: no HEALTHCHECK in the image that ships; {@code HEALTHCHECK NONE} is an
 * explicit choice and counts) and PC-DF-308 (more than one HEALTHCHECK in a stage).
 */
final class HealthcheckCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    for (Stage stage : context.stages()) {
      Instruction first = null;
      for (Instruction instruction : stage.instructions()) {
        if (!instruction.is("HEALTHCHECK")) {
          continue;
        }
        if (first == null) {
          first = instruction;
        } else {
          findings.add(
              Rules.MULTIPLE_HEALTHCHECK,
              stage,
              instruction,
              "HEALTHCHECK again (first on line " + first.line() + "): only the last one counts");
        }
      }
    }
    Stage last = context.finalStage();
    if (last == null) {
      return;
    }
    for (Stage stage : context.shippedStages()) {
      for (Instruction instruction : stage.instructions()) {
        if (instruction.is("HEALTHCHECK")) {
          return;
        }
      }
    }
    findings.add(
        Rules.NO_HEALTHCHECK,
        last,
        last.from(),
        "no HEALTHCHECK in the final stage: a hung process looks healthy to Docker");
  }
}
