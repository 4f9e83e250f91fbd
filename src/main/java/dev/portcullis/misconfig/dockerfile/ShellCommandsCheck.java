package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.Set;

/**
 * Commands that do not belong in a RUN: PC-DF-105 (sudo), PC-DF-301 (cd, except in a {@code ( … )}
 * subshell, where it ends with the subshell), PC-DF-312 (replacing /bin/sh by ln), PC-DF-316
 * (useradd with a high UID without -l), PC-DF-317 (wget without --progress), PC-DF-321 (interactive
 * or system tools).
 */
final class ShellCommandsCheck implements Check {

  private static final Set<String> USELESS =
      Set.of("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig");
  private static final Set<String> WGET_QUIET =
      Set.of(
          "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output");

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      boolean sudo = false;
      boolean cd = false;
      boolean useless = false;
      boolean wget = false;
      for (Command command : run.commands()) {
        String program = command.program();
        if (!sudo && command.usesSudo()) {
          sudo = true;
          findings.add(
              Rules.SUDO, run.stage(), run.instruction(), "sudo " + program + ": " + why());
        }
        if (!cd && program.equals("cd") && !command.subshell()) {
          cd = true;
          findings.add(
              Rules.RUN_CD,
              run.stage(),
              run.instruction(),
              "cd "
                  + String.join(" ", command.arguments())
                  + ": WORKDIR says where later"
                  + " instructions run");
        }
        if (!useless && USELESS.contains(program)) {
          useless = true;
          findings.add(
              Rules.USELESS_COMMAND,
              run.stage(),
              run.instruction(),
              program + ": an interactive or system tool has no use while building an image");
        }
        if (program.equals("ln") && replacesShell(command.arguments())) {
          findings.add(
              Rules.SHELL_SWITCH,
              run.stage(),
              run.instruction(),
              "ln … /bin/sh: replaces the shell behind the builder's back");
        }
        if ((program.equals("useradd") || program.equals("adduser")) && highUidWithoutL(command)) {
          findings.add(
              Rules.USERADD_UID,
              run.stage(),
              run.instruction(),
              program + " with a UID above 99999 and no -l: /var/log/lastlog grows to gigabytes");
        }
        if (!wget && program.equals("wget") && !quiet(command.arguments())) {
          wget = true;
          findings.add(
              Rules.WGET_PROGRESS,
              run.stage(),
              run.instruction(),
              "wget without --progress or -q: its progress output bloats the build log");
        }
      }
    }
  }

  private static String why() {
    return "sudo in a Dockerfile has unpredictable TTY and signal behaviour, and the RUN runs as"
        + " root already unless USER says otherwise";
  }

  private static boolean replacesShell(List<String> arguments) {
    return arguments.size() >= 2
        && arguments.get(0).startsWith("-")
        && arguments.get(0).contains("s")
        && arguments.get(arguments.size() - 1).equals("/bin/sh");
  }

  private static boolean highUidWithoutL(Command command) {
    List<String> arguments = command.arguments();
    if (arguments.contains("-l") || arguments.contains("--no-log-init")) {
      return false;
    }
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      String uid = null;
      if ((argument.equals("-u") || argument.equals("--uid")) && i + 1 < arguments.size()) {
        uid = arguments.get(i + 1);
      } else if (argument.startsWith("--uid=")) {
        uid = argument.substring(6);
      } else if (argument.startsWith("-u") && argument.length() > 2) {
        uid = argument.substring(2);
      }
      if (uid != null && uid.matches("\\d{6,}")) {
        return true;
      }
    }
    return false;
  }

  private static boolean quiet(List<String> arguments) {
    for (String argument : arguments) {
      if (argument.startsWith("--progress") || WGET_QUIET.contains(argument)) {
        return true;
      }
      if (argument.startsWith("--output-file=") || argument.startsWith("--append-output=")) {
        return true;
      }
      if (argument.length() > 1
          && argument.charAt(0) == '-'
          && argument.charAt(1) != '-'
          && (argument.indexOf('q') > 0 || argument.indexOf('o') > 0)) {
        return true;
      }
    }
    return false;
  }
}
