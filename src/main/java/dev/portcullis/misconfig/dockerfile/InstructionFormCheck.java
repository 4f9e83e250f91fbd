package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The form of single instructions: PC-DF-300 (relative WORKDIR), PC-DF-302 (MAINTAINER), PC-DF-304
 * (several sources to a destination without /), PC-DF-305 (CMD and ENTRYPOINT in shell form),
 * PC-DF-310 (ports outside 0-65535), PC-DF-315 (COPY to a relative path before any WORKDIR).
 */
final class InstructionFormCheck implements Check {

  private static final Pattern WINDOWS_PATH = Pattern.compile("(?i)[a-z]:[\\\\/].*");

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    for (Stage stage : context.stages()) {
      boolean workdir = context.inheritsWorkdir(stage);
      for (Instruction instruction : stage.instructions()) {
        switch (instruction.keyword()) {
          case "WORKDIR" -> {
            workdir(stage, instruction, findings);
            workdir = true;
          }
          case "MAINTAINER" ->
              findings.add(
                  Rules.MAINTAINER,
                  stage,
                  instruction,
                  "MAINTAINER " + instruction.arguments() + ": deprecated since Docker 1.13");
          case "COPY", "ADD" -> copy(stage, instruction, workdir, escape, findings);
          case "CMD", "ENTRYPOINT" -> {
            if (!instruction.isExecForm()) {
              findings.add(
                  Rules.SHELL_FORM,
                  stage,
                  instruction,
                  instruction.keyword()
                      + " in shell form: /bin/sh -c becomes PID 1 and the process gets no"
                      + " SIGTERM");
            }
          }
          case "EXPOSE" -> expose(stage, instruction, escape, findings);
          default -> {}
        }
      }
    }
  }

  /** A WORKDIR set in a stage this one is built FROM carries over. */
  private static void workdir(Stage stage, Instruction workdir, Findings findings) {
    String path = workdir.resolved() ? workdir.expanded().strip() : workdir.arguments().strip();
    if (path.startsWith("\"") && path.endsWith("\"") && path.length() > 1) {
      path = path.substring(1, path.length() - 1);
    }
    if (path.startsWith("/") || path.startsWith("$") || WINDOWS_PATH.matcher(path).matches()) {
      return;
    }
    findings.add(
        Rules.WORKDIR_RELATIVE,
        stage,
        workdir,
        "WORKDIR " + workdir.arguments().strip() + ": relative to whatever the previous one was");
  }

  private static void copy(
      Stage stage, Instruction copy, boolean workdir, char escape, Findings findings) {
    if (!copy.heredocs().isEmpty()) {
      return;
    }
    CopyArguments arguments = CopyArguments.of(copy, escape);
    String destination = arguments.destination();
    if (copy.is("COPY") && arguments.sources().size() > 1 && !destination.endsWith("/")) {
      findings.add(
          Rules.COPY_DEST_SLASH,
          stage,
          copy,
          "COPY of "
              + arguments.sources().size()
              + " sources to "
              + destination
              + ": a destination for several sources must end with /");
    }
    if (!workdir
        && !destination.isEmpty()
        && !destination.startsWith("/")
        && !destination.startsWith("$")
        && !WINDOWS_PATH.matcher(destination).matches()) {
      findings.add(
          Rules.COPY_RELATIVE,
          stage,
          copy,
          copy.keyword()
              + " to "
              + destination
              + " before any WORKDIR: relative to the base"
              + " image's working directory");
    }
  }

  private static void expose(Stage stage, Instruction expose, char escape, Findings findings) {
    if (!expose.resolved()) {
      return;
    }
    List<String> ports = Words.split(expose.expanded(), escape);
    for (String port : ports) {
      if (!Ports.parse(port).valid()) {
        findings.add(
            Rules.PORT_RANGE,
            stage,
            expose,
            "EXPOSE " + port + ": ports are numbers from 0 to 65535 (optionally /tcp or /udp)");
      }
    }
  }
}
