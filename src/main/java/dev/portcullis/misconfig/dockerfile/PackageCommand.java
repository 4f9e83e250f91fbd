package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A package manager's command line, split into options, subcommand and packages: {@code apt-get
 * install -y --no-install-recommends curl=8.5.0-2} or {@code python3 -m pip install -r req.txt}.
 *
 * @param manager apt-get, apt, apk, yum, dnf, microdnf, zypper, pip, npm, yarn, pnpm or gem
 * @param options the option words, a separate value joined as {@code --name=value}
 * @param packages the words after the subcommand that are not options or option values
 */
record PackageCommand(
    String manager, String subcommand, List<String> options, List<String> packages) {

  /** Options that take the next word as their value, by manager. */
  private static final Map<String, Set<String>> VALUE_OPTIONS =
      Map.of(
          "apt-get", Set.of("-o", "-c", "-t", "--option", "--config-file", "--target-release"),
          "apk",
              Set.of(
                  "-X",
                  "--repository",
                  "-p",
                  "--root",
                  "--arch",
                  "-t",
                  "--virtual",
                  "--repositories-file",
                  "--keys-dir",
                  "--cache-dir"),
          "yum",
              Set.of(
                  "-c",
                  "--config",
                  "-x",
                  "--exclude",
                  "--enablerepo",
                  "--disablerepo",
                  "--releasever",
                  "--setopt",
                  "--installroot",
                  "--repo"),
          "zypper", Set.of("-r", "--repo", "--from", "-t", "--type", "--root", "-R"),
          "pip",
              Set.of(
                  "-r",
                  "--requirement",
                  "-c",
                  "--constraint",
                  "-e",
                  "--editable",
                  "-i",
                  "--index-url",
                  "--extra-index-url",
                  "-f",
                  "--find-links",
                  "-t",
                  "--target",
                  "--prefix",
                  "--root",
                  "--trusted-host",
                  "--platform",
                  "--python-version",
                  "--implementation",
                  "--abi",
                  "--src",
                  "--progress-bar",
                  "--log",
                  "--cache-dir",
                  "--cert",
                  "--client-cert",
                  "--proxy",
                  "--retries",
                  "--timeout",
                  "--exists-action",
                  "--global-option",
                  "--config-settings",
                  "-C",
                  "--only-binary",
                  "--no-binary"),
          "npm",
              Set.of(
                  "--prefix",
                  "--registry",
                  "--cache",
                  "-w",
                  "--workspace",
                  "--omit",
                  "--include",
                  "--tag",
                  "--loglevel"),
          "gem",
              Set.of(
                  "-v",
                  "--version",
                  "-i",
                  "--install-dir",
                  "-n",
                  "--bindir",
                  "-s",
                  "--source",
                  "--platform",
                  "-P",
                  "--trust-policy"),
          "yarn", Set.of("--cache-folder", "--modules-folder", "--network-timeout"));

  private static final Set<String> MANAGERS =
      Set.of(
          "apt-get",
          "apt",
          "apk",
          "yum",
          "dnf",
          "microdnf",
          "zypper",
          "pip",
          "npm",
          "yarn",
          "pnpm",
          "gem");

  /** The command as a package manager's, or null when it runs something else. */
  static PackageCommand of(Command command) {
    String program = command.program();
    List<String> arguments = command.arguments();
    if ((program.startsWith("python") && arguments.size() >= 2 && arguments.get(0).equals("-m"))) {
      program = arguments.get(1);
      arguments = arguments.subList(2, arguments.size());
    }
    if (program.matches("pip[0-9.]*")) {
      program = "pip";
    }
    if (!MANAGERS.contains(program)) {
      return null;
    }
    String family =
        switch (program) {
          case "apt" -> "apt-get";
          case "dnf", "microdnf" -> "yum";
          default -> program;
        };
    Set<String> valued = VALUE_OPTIONS.getOrDefault(family, Set.of());
    List<String> options = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    String subcommand = "";
    for (int i = 0; i < arguments.size(); i++) {
      String word = arguments.get(i);
      if (word.startsWith("-") && word.length() > 1) {
        if (valued.contains(word) && i + 1 < arguments.size()) {
          options.add(word + "=" + arguments.get(++i));
        } else {
          options.add(word);
        }
      } else if (subcommand.isEmpty()) {
        subcommand = word;
      } else {
        packages.add(word);
      }
    }
    return new PackageCommand(program, subcommand, options, packages);
  }

  /** Whether any of the options is given, alone or with a value ({@code --omit=dev}). */
  boolean hasOption(String... names) {
    for (String option : options) {
      for (String name : names) {
        if (option.equals(name) || option.startsWith(name + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a short option letter is given, alone or in a cluster ({@code -yq}). */
  boolean hasShortFlag(char letter) {
    for (String option : options) {
      if (option.length() >= 2
          && option.charAt(0) == '-'
          && option.charAt(1) != '-'
          && option.indexOf('=') < 0
          && option.indexOf(letter) > 0) {
        return true;
      }
    }
    return false;
  }

  /** The value of an option ({@code --omit=dev} gives dev), or null. */
  String optionValue(String name) {
    for (String option : options) {
      if (option.startsWith(name + "=")) {
        return option.substring(name.length() + 1);
      }
    }
    return null;
  }

  boolean is(String managerName, String... subcommands) {
    if (!manager.equals(managerName)) {
      return false;
    }
    for (String wanted : subcommands) {
      if (subcommand.equals(wanted)) {
        return true;
      }
    }
    return subcommands.length == 0;
  }

  /** Whether it installs packages: apt-get install, apk add, dnf install, zypper in … */
  boolean installs() {
    return switch (manager) {
      case "apt-get", "apt", "yum", "dnf", "microdnf" ->
          subcommand.equals("install") || subcommand.equals("groupinstall");
      case "apk" -> subcommand.equals("add");
      case "zypper" -> subcommand.equals("install") || subcommand.equals("in");
      default -> false;
    };
  }

  /** Whether it upgrades the installed packages of an OS package manager. */
  boolean upgrades() {
    return switch (manager) {
      case "apt-get", "apt" ->
          Set.of("upgrade", "dist-upgrade", "full-upgrade").contains(subcommand);
      case "apk" -> subcommand.equals("upgrade");
      case "yum", "dnf", "microdnf" ->
          Set.of("update", "upgrade", "distro-sync").contains(subcommand);
      case "zypper" -> Set.of("update", "up", "patch", "dist-upgrade", "dup").contains(subcommand);
      default -> false;
    };
  }

  /** Whether it removes packages: apk del, apt-get purge, dnf remove … */
  boolean removes() {
    return switch (manager) {
      case "apt-get", "apt" -> Set.of("purge", "remove", "autoremove").contains(subcommand);
      case "apk" -> subcommand.equals("del");
      case "yum", "dnf", "microdnf" -> Set.of("remove", "erase", "autoremove").contains(subcommand);
      case "zypper" -> Set.of("remove", "rm").contains(subcommand);
      default -> false;
    };
  }

  /** The package name without a version or release ({@code curl=8.5.0} gives curl). */
  static String name(String pkg) {
    int end = pkg.length();
    for (int i = 1; i < pkg.length(); i++) {
      char c = pkg.charAt(i);
      if (c == '=' || c == '<' || c == '>' || c == '~') {
        end = i;
        break;
      }
    }
    return pkg.substring(0, end);
  }
}
