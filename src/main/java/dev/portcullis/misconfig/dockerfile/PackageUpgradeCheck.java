package dev.portcullis.misconfig.dockerfile;

/**
 * PC-DF-109 (seed 001: update the base image's pre-installed packages while building): the image
 * that ships installs packages with an OS package manager but never upgrades the installed ones.
 * Set it off in the policy to follow the opposite advice (hadolint's DL3005 of old).
 */
final class PackageUpgradeCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    LintContext.Run firstInstall = null;
    String manager = null;
    for (Stage stage : context.shippedStages()) {
      for (LintContext.Run run : context.runs(stage)) {
        for (Command command : run.commands()) {
          PackageCommand packages = PackageCommand.of(command);
          if (packages == null) {
            continue;
          }
          if (packages.upgrades()) {
            return;
          }
          if (packages.installs() && firstInstall == null) {
            firstInstall = run;
            manager = packages.manager();
          }
        }
      }
    }
    if (firstInstall != null) {
      findings.add(
          Rules.NO_UPGRADE,
          firstInstall.stage(),
          firstInstall.instruction(),
          manager
              + " installs packages, but the base image's packages are never upgraded: fixes"
              + " released since the base image was built are missing");
    }
  }
}
