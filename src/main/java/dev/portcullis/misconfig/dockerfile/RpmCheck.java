package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * yum, dnf, microdnf and zypper, one table row each: install without the non-interactive switch,
 * without versions, zypper's dist-upgrade, and a cache left in the layer: the cleaning (a {@code
 * clean all}, zypper's {@code clean}, or removing the cache directory) must come after the last
 * command that fills the cache in the same RUN.
 */
final class RpmCheck implements Check {

  /** One package manager: its rules, what makes it non-interactive, what cleans its cache. */
  private record Manager(
      String name,
      Rule yes,
      List<String> yesOptions,
      Rule clean,
      List<String> cleanIds,
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
              Rules.YUM_CLEAN.otherIds(),
              "yum clean all",
              "/var/cache/yum",
              Rules.YUM_PIN),
          new Manager(
              "dnf",
              Rules.DNF_YES,
              List.of("-y", "--assumeyes"),
              Rules.DNF_CLEAN,
              List.of("DL3040", "DS019"),
              "dnf clean all",
              "/var/cache/dnf",
              Rules.DNF_PIN),
          new Manager(
              "microdnf",
              null,
              List.of(),
              Rules.DNF_CLEAN,
              List.of("DL3040", "DS027"),
              "microdnf clean all",
              "/var/cache/yum",
              Rules.DNF_PIN),
          new Manager(
              "zypper",
              Rules.ZYPPER_YES,
              List.of("-n", "--non-interactive", "-y", "--no-confirm"),
              Rules.ZYPPER_CLEAN,
              Rules.ZYPPER_CLEAN.otherIds(),
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
    int lastFill = -1;
    PackageCommand filling = null;
    int lastClean = -1;
    String partialClean = null;
    List<Command> commands = run.commands();
    for (int i = 0; i < commands.size(); i++) {
      Command command = commands.get(i);
      PackageCommand packages = PackageCommand.of(command);
      if (command.program().equals("rm")
          && command.arguments().stream().anyMatch(a -> a.startsWith(manager.cacheDirectory()))) {
        lastClean = i;
      }
      if (packages == null || !packages.manager().equals(manager.name())) {
        continue;
      }
      if (cleansAll(packages)) {
        lastClean = i;
      } else if (packages.subcommand().equals("clean")) {
        partialClean = packages.manager() + " clean " + String.join(" ", packages.packages());
      }
      if (fillsCache(packages)) {
        lastFill = i;
        filling = packages;
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
    if (filling == null
        || lastClean > lastFill
        || CacheMounts.covers(run.instruction(), manager.cacheDirectory())) {
      return;
    }
    String why;
    if (lastClean >= 0) {
      why = " runs before the last one that fills the cache";
    } else if (partialClean != null) {
      why = " is missing (" + partialClean.strip() + " leaves the rest)";
    } else {
      why = " is missing";
    }
    findings.add(
        manager.clean(),
        run.stage(),
        run.instruction(),
        manager.name()
            + " "
            + filling.subcommand()
            + " leaves its package cache in the layer: "
            + manager.cleanCommand()
            + why
            + " in this RUN",
        manager.cleanIds());
  }

  /**
   * Whether it cleans the whole cache: {@code yum/dnf/microdnf clean all}; zypper's {@code clean}
   * (or {@code cc}) with any option. {@code clean metadata} or {@code clean packages} leave the
   * rest.
   */
  private static boolean cleansAll(PackageCommand packages) {
    if (packages.manager().equals("zypper")) {
      return packages.subcommand().equals("clean") || packages.subcommand().equals("cc");
    }
    return packages.subcommand().equals("clean") && packages.packages().contains("all");
  }

  /**
   * Whether it downloads into the cache. For yum and dnf: install and reinstall in their spellings;
   * for zypper also patch (it installs the patches' packages), source-install, and remove (it loads
   * and refreshes the repositories first), as Trivy's DS020 counts them.
   */
  private static boolean fillsCache(PackageCommand packages) {
    String subcommand = packages.subcommand();
    return switch (packages.manager()) {
      case "yum", "dnf", "microdnf" ->
          Set.of(
                  "install",
                  "in",
                  "groupinstall",
                  "localinstall",
                  "reinstall",
                  "rei",
                  "install-n",
                  "install-na",
                  "install-nevra")
              .contains(subcommand);
      case "zypper" ->
          Set.of("install", "in", "patch", "source-install", "si", "remove", "rm")
              .contains(subcommand);
      default -> false;
    };
  }
}
