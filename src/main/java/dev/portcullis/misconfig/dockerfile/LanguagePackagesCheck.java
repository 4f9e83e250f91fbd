package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Language package managers: PC-DF-220 (pip versions), PC-DF-221 (pip cache), PC-DF-222 (npm
 * versions), PC-DF-223 (gem versions), PC-DF-224 (yarn cache).
 */
final class LanguagePackagesCheck implements Check {

  private static final Pattern PIP_PINNED = Pattern.compile(".*(==|>=|<=|~=|!=|<|>|@).*");

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      check(run, findings);
    }
  }

  /** Whether an ENV before the RUN in its stage sets PIP_NO_CACHE_DIR. */
  private static boolean pipCacheOff(LintContext.Run run) {
    for (Instruction instruction : run.stage().instructions()) {
      if (instruction == run.instruction()) {
        return false;
      }
      if (instruction.is("ENV") && instruction.arguments().contains("PIP_NO_CACHE_DIR")) {
        return true;
      }
    }
    return false;
  }

  private static void check(LintContext.Run run, Findings findings) {
    boolean yarnCleaned = CacheMounts.covers(run.instruction(), "/usr/local/share/.cache/yarn");
    PackageCommand yarnInstall = null;
    for (Command command : run.commands()) {
      PackageCommand packages = PackageCommand.of(command);
      if (packages == null) {
        continue;
      }
      switch (packages.manager()) {
        case "pip" -> {
          if (packages.subcommand().equals("install")) {
            pip(run, packages, pipCacheOff(run), findings);
          }
        }
        case "npm" -> {
          if (List.of("install", "i", "add").contains(packages.subcommand())) {
            pinned(
                run, packages, findings, Rules.NPM_PIN, LanguagePackagesCheck::npmPinned, "@1.2.3");
          }
        }
        case "gem" -> {
          if (packages.subcommand().equals("install") && !packages.hasOption("-v", "--version")) {
            pinned(run, packages, findings, Rules.GEM_PIN, p -> p.contains(":"), ":1.2.3");
          }
        }
        case "yarn" -> {
          if (packages.subcommand().equals("install")) {
            yarnInstall = packages;
          }
          if (packages.subcommand().equals("cache") && packages.packages().contains("clean")) {
            yarnCleaned = true;
          }
        }
        default -> {}
      }
    }
    if (yarnInstall != null && !yarnCleaned) {
      findings.add(
          Rules.YARN_CACHE,
          run.stage(),
          run.instruction(),
          "yarn install without yarn cache clean in the same RUN: the cache stays in the layer");
    }
  }

  private static void pip(
      LintContext.Run run, PackageCommand pip, boolean noCacheEnv, Findings findings) {
    if (!noCacheEnv
        && !pip.hasOption("--no-cache-dir")
        && !CacheMounts.covers(run.instruction(), "/root/.cache/pip")) {
      findings.add(
          Rules.PIP_CACHE,
          run.stage(),
          run.instruction(),
          "pip install without --no-cache-dir: the download cache stays in the layer");
    }
    pinned(
        run,
        pip,
        findings,
        Rules.PIP_PIN,
        p -> PIP_PINNED.matcher(p).matches() || isPath(p),
        "==1.2.3");
  }

  private static boolean npmPinned(String pkg) {
    return pkg.lastIndexOf('@') > 0 || isPath(pkg) || pkg.startsWith("git");
  }

  private static boolean isPath(String pkg) {
    return pkg.startsWith(".")
        || pkg.contains("/")
        || pkg.contains("$")
        || pkg.endsWith(".whl")
        || pkg.endsWith(".tar.gz")
        || pkg.endsWith(".tgz")
        || pkg.endsWith(".zip");
  }

  private static void pinned(
      LintContext.Run run,
      PackageCommand packages,
      Findings findings,
      Rule rule,
      java.util.function.Predicate<String> isPinned,
      String example) {
    List<String> unpinned = new ArrayList<>();
    for (String pkg : packages.packages()) {
      if (!isPinned.test(pkg)) {
        unpinned.add(pkg);
      }
    }
    if (!unpinned.isEmpty()) {
      findings.add(
          rule,
          run.stage(),
          run.instruction(),
          packages.manager()
              + " "
              + packages.subcommand()
              + " "
              + Text.shortList(unpinned)
              + " without versions (e.g. "
              + unpinned.get(0)
              + example
              + ")");
    }
  }
}
