package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** apk rules: PC-DF-200 (apk add without --no-cache) and PC-DF-201 (versions). */
final class ApkCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    for (LintContext.Run run : context.runs()) {
      for (Command command : run.commands()) {
        PackageCommand apk = PackageCommand.of(command);
        if (apk == null || !apk.is("apk", "add")) {
          continue;
        }
        if (!apk.hasOption("--no-cache")
            && !CacheMounts.covers(run.instruction(), "/var/cache/apk")
            && !CacheMounts.covers(run.instruction(), "/etc/apk/cache")) {
          findings.add(
              Rules.APK_NO_CACHE,
              run.stage(),
              run.instruction(),
              "apk add without --no-cache: the package index stays in the layer");
        }
        List<String> unpinned = new ArrayList<>();
        for (String pkg : apk.packages()) {
          if (pkg.chars().noneMatch(c -> c == '=' || c == '~' || c == '<' || c == '>')
              && !pkg.contains("$")
              && !pkg.endsWith(".apk")
              && !pkg.startsWith(".")) {
            unpinned.add(pkg);
          }
        }
        if (!unpinned.isEmpty()) {
          findings.add(
              Rules.APK_PIN,
              run.stage(),
              run.instruction(),
              "apk add " + Text.shortList(unpinned) + " without versions (pkg=version)");
        }
      }
    }
  }
}
