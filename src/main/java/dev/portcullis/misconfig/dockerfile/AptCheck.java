package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * apt-get rules: PC-DF-202 (--no-install-recommends), PC-DF-203 (lists left in the image that
 * ships), PC-DF-205 (-y), PC-DF-206 (versions), PC-DF-207 (apt instead of apt-get), PC-DF-208
 * (dist-upgrade).
 */
final class AptCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      boolean update = false;
      boolean listsRemoved = CacheMounts.covers(run.instruction(), "/var/lib/apt/lists");
      boolean aptReported = false;
      for (Command command : run.commands()) {
        if (command.program().equals("rm") && removesLists(command)) {
          listsRemoved = true;
        }
        PackageCommand apt = PackageCommand.of(command);
        if (apt == null || !(apt.manager().equals("apt-get") || apt.manager().equals("apt"))) {
          continue;
        }
        if (apt.manager().equals("apt") && !aptReported) {
          aptReported = true;
          findings.add(
              Rules.APT_CLI,
              run.stage(),
              run.instruction(),
              "apt "
                  + apt.subcommand()
                  + ": apt warns that its interface is not stable in scripts");
        }
        update |= apt.subcommand().equals("update");
        if (apt.subcommand().equals("dist-upgrade") || apt.subcommand().equals("full-upgrade")) {
          findings.add(
              Rules.DIST_UPGRADE,
              run.stage(),
              run.instruction(),
              apt.manager() + " " + apt.subcommand() + ": may move the image to another release");
        }
        if (apt.is("apt-get", "install")) {
          install(run, apt, findings);
        }
      }
      if (update && !listsRemoved && context.shipped(run.stage())) {
        findings.add(
            Rules.APT_LISTS,
            run.stage(),
            run.instruction(),
            "apt-get update without rm -rf /var/lib/apt/lists/* in the same RUN: the package"
                + " lists stay in the layer");
      }
    }
  }

  private static void install(LintContext.Run run, PackageCommand apt, Findings findings) {
    if (!apt.hasShortFlag('y')
        && !apt.hasOption("--yes", "--assume-yes", "-qq", "-q=2", "--quiet=2")) {
      findings.add(
          Rules.APT_YES,
          run.stage(),
          run.instruction(),
          "apt-get install without -y: the build stops at the confirmation prompt");
    }
    boolean noRecommends =
        apt.hasOption("--no-install-recommends")
            || apt.options().stream()
                .anyMatch(
                    o ->
                        o.matches("-o=APT::Install-Recommends=(false|0|no)")
                            || o.matches("--option=APT::Install-Recommends=(false|0|no)"));
    if (!noRecommends) {
      findings.add(
          Rules.APT_RECOMMENDS,
          run.stage(),
          run.instruction(),
          "apt-get install without --no-install-recommends: recommended packages come along");
    }
    List<String> unpinned = new ArrayList<>();
    for (String pkg : apt.packages()) {
      if (!pkg.contains("=") && !pkg.contains("$") && !pkg.endsWith(".deb") && !pkg.contains("/")) {
        unpinned.add(pkg);
      }
    }
    if (!unpinned.isEmpty()) {
      findings.add(
          Rules.APT_PIN,
          run.stage(),
          run.instruction(),
          "apt-get install " + Text.shortList(unpinned) + " without versions (pkg=version)");
    }
  }

  private static boolean removesLists(Command rm) {
    for (String argument : rm.arguments()) {
      if (argument.startsWith("/var/lib/apt/lists")) {
        return true;
      }
    }
    return false;
  }
}
