package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * yum, dnf, microdnf and zypper, one table row each: install without the non-interactive switch,
 * without cleaning the cache in the same RUN, without versions, and zypper's dist-upgrade.
 */
final class RpmCheck implements Check {

  /** One package manager: its rules, what makes it non-interactive, what cleans its cache. */
  private record Manager(
      String name,
      Rule yes,
      List<String> yesOptions,
      Rule clean,
      String cleanCommand,
      String cacheDirectory,
      Rule pin) {}

  private static final List<Manager> MANAGERS =
      List.of(
          new Manager(
              "yum",
              Rules.YUM_YES,
              List.of("-y", "--assumeyes"),
              Rules.YUM_CLEAN,
              "yum clean all",
              "/var/cache/yum",
              Rules.YUM_PIN),
          new Manager(
              "dnf",
              Rules.DNF_YES,
              List.of("-y", "--assumeyes"),
              Rules.DNF_CLEAN,
              "dnf clean all",
              "/var/cache/dnf",
              Rules.DNF_PIN),
          new Manager(
              "microdnf",
              null,
              List.of(),
              Rules.DNF_CLEAN,
              "microdnf clean all",
              "/var/cache/yum",
              Rules.DNF_PIN),
          new Manager(
              "zypper",
              Rules.ZYPPER_YES,
              List.of("-n", "--non-interactive", "-y", "--no-confirm"),
              Rules.ZYPPER_CLEAN,
              "zypper clean",
              "/var/cache/zypp",
              Rules.ZYPPER_PIN));

  /** A version in an rpm package argument: name-1.2, name-1.2-3.el9, name = 1.2, a file. */
  private static final Pattern VERSIONED =
      Pattern.compile(".*-[0-9][^/]*|.*[=<>].*|.*\\.rpm|.*\\$.*");

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      for (Manager manager : MANAGERS) {
        check(manager, run, findings);
      }
    }
  }

  private static void check(Manager manager, LintContext.Run run, Findings findings) {
    PackageCommand install = null;
    boolean cleaned = CacheMounts.covers(run.instruction(), manager.cacheDirectory());
    for (Command command : run.commands()) {
      PackageCommand packages = PackageCommand.of(command);
      if (command.program().equals("rm")
          && command.arguments().stream().anyMatch(a -> a.startsWith(manager.cacheDirectory()))) {
        cleaned = true;
      }
      if (packages == null || !packages.manager().equals(manager.name())) {
        continue;
      }
      if (packages.subcommand().equals("clean")
          || (manager.name().equals("zypper") && packages.subcommand().equals("cc"))) {
        cleaned = true;
      }
      if (manager.name().equals("zypper")
          && (packages.subcommand().equals("dist-upgrade")
              || packages.subcommand().equals("dup"))) {
        findings.add(
            Rules.ZYPPER_DUP,
            run.stage(),
            run.instruction(),
            "zypper " + packages.subcommand() + ": may move the image to another release");
      }
      if (!packages.installs()) {
        continue;
      }
      if (install == null) {
        install = packages;
      }
      if (manager.yes() != null
          && manager.yesOptions().stream().noneMatch(packages::hasOption)
          && !packages.hasShortFlag('y')) {
        findings.add(
            manager.yes(),
            run.stage(),
            run.instruction(),
            manager.name()
                + " install without "
                + manager.yesOptions().get(0)
                + ": the build stops at the confirmation prompt");
      }
      List<String> unpinned = new ArrayList<>();
      for (String pkg : packages.packages()) {
        if (!VERSIONED.matcher(pkg).matches() && !pkg.startsWith("@") && !pkg.contains("/")) {
          unpinned.add(pkg);
        }
      }
      if (!unpinned.isEmpty()) {
        findings.add(
            manager.pin(),
            run.stage(),
            run.instruction(),
            manager.name() + " install " + Text.shortList(unpinned) + " without versions");
      }
    }
    if (install != null && !cleaned) {
      findings.add(
          manager.clean(),
          run.stage(),
          run.instruction(),
          manager.name()
              + " install without "
              + manager.cleanCommand()
              + " in the same RUN: the package cache stays in the layer");
    }
  }
}
