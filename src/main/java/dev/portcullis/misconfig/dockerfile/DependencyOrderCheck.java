package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PC-DF-225: the whole build context is copied before the dependencies are installed, with no
 * dependency manifest copied first: every code change invalidates the dependency layer.
 */
final class DependencyOrderCheck implements Check {

  private static final List<String> MANIFEST_PREFIXES =
      List.of(
          "package",
          "yarn.lock",
          "pnpm-lock",
          "requirements",
          "pipfile",
          "pyproject",
          "poetry.lock",
          "setup.py",
          "setup.cfg",
          "go.mod",
          "go.sum",
          "gemfile",
          "composer.",
          "pom.xml",
          "build.gradle",
          "settings.gradle",
          "cargo.",
          "mix.exs",
          "mix.lock");
  private static final Set<String> NPM_INSTALLS = Set.of("install", "i", "ci");

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    for (Stage stage : context.stages()) {
      boolean manifest = false;
      Instruction wholeCopy = null;
      for (Instruction instruction : stage.instructions()) {
        if ((instruction.is("COPY") || instruction.is("ADD"))
            && CopyArguments.fromContext(instruction, escape)) {
          for (String source : CopyArguments.of(instruction, escape).sources()) {
            if (CopyArguments.isWholeContext(source) && wholeCopy == null && !manifest) {
              wholeCopy = instruction;
            } else if (isManifest(source)) {
              manifest = true;
            }
          }
        } else if (instruction.is("RUN") && wholeCopy != null) {
          String install = dependencyInstall(context.commands(instruction));
          if (install != null) {
            findings.add(
                Rules.COPY_ALL_BEFORE_INSTALL,
                stage,
                instruction,
                install
                    + " after "
                    + wholeCopy.keyword()
                    + " "
                    + String.join(" ", CopyArguments.of(wholeCopy, escape).sources())
                    + " (line "
                    + wholeCopy.line()
                    + "): any change to the code reinstalls every dependency");
            break;
          }
        }
      }
    }
  }

  private static boolean isManifest(String source) {
    String name = source.substring(source.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith(".csproj") || name.endsWith(".fsproj") || name.endsWith(".sln")) {
      return true;
    }
    return MANIFEST_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static String dependencyInstall(List<Command> commands) {
    for (Command command : commands) {
      String program = command.program();
      String sub = command.subcommand();
      PackageCommand packages = PackageCommand.of(command);
      boolean install =
          (program.equals("npm") && NPM_INSTALLS.contains(sub))
              || ((program.equals("yarn") || program.equals("pnpm"))
                  && (sub.isEmpty() || sub.equals("install")))
              || (packages != null
                  && packages.manager().equals("pip")
                  && packages.subcommand().equals("install")
                  && (packages.hasOption("-r", "--requirement")
                      || packages.packages().contains(".")))
              || ((program.equals("poetry") || program.equals("pipenv")) && sub.equals("install"))
              || (program.equals("bundle") && (sub.isEmpty() || sub.equals("install")))
              || (program.equals("go") && sub.equals("mod"))
              || (program.equals("composer") && sub.equals("install"))
              || (program.equals("dotnet") && sub.equals("restore"));
      if (install) {
        return program + (sub.isEmpty() ? "" : " " + sub);
      }
    }
    return null;
  }
}
