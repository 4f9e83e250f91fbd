package dev.portcullis.misconfig.dockerfile;

/**
 * PC-DF-204: {@code apt-get update} or {@code apk update} in a RUN that installs nothing: the
 * cached index layer goes stale, and a later RUN installs from it.
 */
final class UpdateAloneCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      String update = null;
      boolean installs = false;
      for (Command command : run.commands()) {
        PackageCommand packages = PackageCommand.of(command);
        if (packages == null) {
          continue;
        }
        if (packages.subcommand().equals("update")
            && (packages.manager().equals("apt-get")
                || packages.manager().equals("apt")
                || packages.manager().equals("apk"))) {
          update = packages.manager() + " update";
        }
        installs |= packages.installs() || packages.upgrades();
      }
      if (update != null && !installs) {
        findings.add(
            Rules.UPDATE_ALONE,
            run.stage(),
            run.instruction(),
            update + " alone in a RUN: the cached index goes stale; install in the same RUN");
      }
    }
  }
}
