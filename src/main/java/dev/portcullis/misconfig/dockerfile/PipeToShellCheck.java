package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.Set;

/**
 * PC-DF-104: downloaded code run unverified: {@code curl … | sh}, {@code wget -O- … | bash}, {@code
 * sh -c "$(curl …)"}, {@code bash <(curl …)}.
 */
final class PipeToShellCheck implements Check {

  private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch");
  private static final Set<String> INTERPRETERS =
      Set.of(
          "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python2", "python3", "perl", "ruby",
          "node", "php");

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      String evidence = evidence(run.commands());
      if (evidence != null) {
        findings.add(
            Rules.PIPE_TO_SHELL,
            run.stage(),
            run.instruction(),
            evidence + ": runs whatever the server sends, unverified, as the build user");
      }
    }
  }

  private static String evidence(List<Command> commands) {
    for (int i = 0; i < commands.size(); i++) {
      Command command = commands.get(i);
      if (DOWNLOADERS.contains(command.program())) {
        for (int j = i + 1; j < commands.size(); j++) {
          Command next = commands.get(j);
          if (next.pipeline() != command.pipeline()) {
            break;
          }
          if (next.pipedFrom() && readsScriptFromStdin(next)) {
            return command.program() + " … | " + next.program();
          }
        }
      }
      if (INTERPRETERS.contains(command.program()) || command.program().equals("eval")) {
        for (String argument : command.arguments()) {
          for (String downloader : DOWNLOADERS) {
            if (argument.contains("$(" + downloader + " ")
                || argument.contains("<(" + downloader + " ")
                || argument.contains("`" + downloader + " ")) {
              return command.program() + " … $(" + downloader + " …)";
            }
          }
        }
      }
    }
    return null;
  }

  /** An interpreter with no script file: only options, or {@code -} / {@code -s}. */
  private static boolean readsScriptFromStdin(Command command) {
    if (!INTERPRETERS.contains(command.program())) {
      return false;
    }
    for (String argument : command.arguments()) {
      if (argument.equals("--")) {
        return true;
      }
      if (!argument.startsWith("-")) {
        return false;
      }
      if (argument.equals("-c")) {
        return false;
      }
    }
    return true;
  }
}
