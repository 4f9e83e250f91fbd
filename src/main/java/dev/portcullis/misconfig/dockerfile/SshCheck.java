package dev.portcullis.misconfig.dockerfile;

/**
 * PC-DF-106: SSH in a container (seed 002: "keine SSH in Container"): {@code EXPOSE 22}, or an SSH
 * server installed.
 */
final class SshCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    for (Stage stage : context.stages()) {
      for (Instruction expose : stage.instructions()) {
        if (expose.is("EXPOSE")) {
          for (String port : Words.split(expose.expanded(), escape)) {
            if (Ports.covers(port, 22)) {
              findings.add(
                  Rules.SSH,
                  stage,
                  expose,
                  "EXPOSE " + port + ": port 22 offers SSH into the container");
              break;
            }
          }
        }
      }
    }
    for (LintContext.Run run : context.runs()) {
      for (Command command : run.commands()) {
        PackageCommand packages = PackageCommand.of(command);
        if (packages != null && packages.installs() && installsSshd(packages)) {
          findings.add(
              Rules.SSH,
              run.stage(),
              run.instruction(),
              packages.manager() + " installs an SSH server into the image");
          break;
        }
      }
    }
  }

  private static boolean installsSshd(PackageCommand packages) {
    for (String pkg : packages.packages()) {
      String name = PackageCommand.name(pkg);
      if (name.equals("openssh-server") || name.equals("openssh") || name.equals("dropbear")) {
        return true;
      }
    }
    return false;
  }
}
