package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * PC-DF-311 (both wget and curl in one stage: each stage is an image of its own, so a build stage
 * with curl and a final stage with wget is fine) and PC-DF-313 (pipes without pipefail).
 */
final class ShellStyleCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    LintContext.Run curl = null;
    LintContext.Run wget = null;
    boolean reported = false;
    Stage stage = null;
    for (LintContext.Run run : context.runs()) {
      if (run.stage() != stage) {
        stage = run.stage();
        curl = null;
        wget = null;
        reported = false;
      }
      for (Command command : run.commands()) {
        if (curl == null && command.program().equals("curl")) {
          curl = run;
        }
        if (wget == null && command.program().equals("wget")) {
          wget = run;
        }
      }
      if (!reported && curl != null && wget != null) {
        reported = true;
        findings.add(
            Rules.WGET_AND_CURL,
            run.stage(),
            run.instruction(),
            "both curl (line "
                + curl.instruction().line()
                + ") and wget (line "
                + wget.instruction().line()
                + "): one download tool is enough");
      }
      if (!run.instruction().isExecForm() && pipes(run.commands()) && !pipefail(context, run)) {
        findings.add(
            Rules.PIPEFAIL,
            run.stage(),
            run.instruction(),
            "a pipe without -o pipefail: a failing command before the | does not fail the build");
      }
    }
  }

  private static boolean pipes(List<Command> commands) {
    return commands.stream().anyMatch(Command::pipedFrom);
  }

  private static boolean pipefail(LintContext context, LintContext.Run run) {
    List<String> shell = run.shell();
    if (shell.contains("pipefail")) {
      return true;
    }
    for (Command command : run.commands()) {
      if (command.program().equals("set") && command.arguments().contains("pipefail")) {
        return true;
      }
    }
    return false;
  }
}
