package dev.portcullis.misconfig.dockerfile;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * PC-DF-004 (fixed --platform), PC-DF-005 (stage names used twice), PC-DF-006 and PC-DF-007 (COPY
 * --from naming no earlier stage or its own), PC-DF-009 (ONBUILD triggers the builder rejects).
 */
final class StagesCheck implements Check {

  private static final Set<String> FORBIDDEN_TRIGGERS = Set.of("ONBUILD", "FROM", "MAINTAINER");

  @Override
  public void check(LintContext context, Findings findings) {
    Map<String, Stage> names = new HashMap<>();
    for (Stage stage : context.stages()) {
      String platform = stage.platform();
      if (platform != null && !platform.contains("$")) {
        findings.add(
            Rules.PLATFORM,
            stage,
            stage.from(),
            "FROM --platform=" + platform + ": a fixed platform; builds for others get this one");
      }
      if (stage.name() != null) {
        Stage first = names.putIfAbsent(stage.name(), stage);
        if (first != null) {
          findings.add(
              Rules.DUPLICATE_STAGE,
              stage,
              stage.from(),
              "stage '"
                  + stage.name()
                  + "' is already the name of the stage on line "
                  + first.from().line());
        }
      }
      for (Instruction instruction : stage.instructions()) {
        if (instruction.is("COPY")) {
          copyFrom(context, stage, instruction, findings);
        }
        if (instruction.is("ONBUILD")
            && instruction.trigger() != null
            && FORBIDDEN_TRIGGERS.contains(instruction.trigger().keyword())) {
          findings.add(
              Rules.ONBUILD_TRIGGER,
              stage,
              instruction,
              "ONBUILD " + instruction.trigger().keyword() + " is not allowed");
        }
      }
    }
  }

  private static void copyFrom(
      LintContext context, Stage stage, Instruction copy, Findings findings) {
    String from = copy.flagValue("from");
    if (from == null || from.contains("$")) {
      return;
    }
    String name = from.toLowerCase(java.util.Locale.ROOT);
    if (name.equals(stage.name()) || name.equals(String.valueOf(stage.index()))) {
      findings.add(
          Rules.COPY_FROM_SELF,
          stage,
          copy,
          "COPY --from=" + from + " names the stage it is in; a stage cannot copy from itself");
      return;
    }
    for (Stage earlier : context.stages()) {
      if (earlier.index() >= stage.index()) {
        break;
      }
      if (name.equals(earlier.name()) || name.equals(String.valueOf(earlier.index()))) {
        return;
      }
    }
    if (from.contains(":") || from.contains("@")) {
      return;
    }
    findings.add(
        Rules.COPY_FROM_UNKNOWN,
        stage,
        copy,
        "COPY --from="
            + from
            + ": no stage above has that name; the builder pulls an image '"
            + from
            + ":latest' instead");
  }
}
