package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PC-DF-108 (seed 000, multi-stage builds: "Build-Tools sind nicht im Produktions-Image"): the
 * image that ships installs compilers or development packages, or runs a build or a development
 * dependency install. A RUN that removes packages again (the official images' {@code apk add
 * --virtual .build-deps … && apk del .build-deps}) leaves none behind and is not a finding.
 */
final class BuildToolsCheck implements Check {

  private static final Set<String> BUILD_PACKAGES =
      Set.of(
          "gcc",
          "g++",
          "gcc-c++",
          "clang",
          "make",
          "cmake",
          "build-essential",
          "build-base",
          "musl-dev",
          "libc-dev",
          "libc6-dev",
          "golang",
          "golang-go",
          "go",
          "maven",
          "gradle",
          "cargo",
          "rustc",
          "rust",
          "autoconf",
          "automake",
          "libtool",
          "pkg-config",
          "pkgconf",
          "default-jdk",
          "openjdk-17-jdk",
          "openjdk-21-jdk",
          "nodejs-dev");
  private static final Set<String> BUILD_PROGRAMS =
      Set.of("make", "gcc", "g++", "cc", "cmake", "mvn", "mvnw", "gradle", "gradlew", "tsc");
  private static final Set<String> PRODUCTION_FLAGS =
      Set.of("--production", "--only=prod", "--only=production", "--omit=dev", "--prod");

  @Override
  public void check(LintContext context, Findings findings) {
    for (Stage stage : context.shippedStages()) {
      boolean productionEnv = false;
      for (Instruction instruction : stage.instructions()) {
        if (instruction.is("ENV")
            && instruction.expanded().matches("(?s).*NODE_ENV[= ]\"?production.*")) {
          productionEnv = true;
        }
        if (!instruction.is("RUN")) {
          continue;
        }
        List<Command> commands = context.commands(instruction);
        if (removesPackages(commands)) {
          continue;
        }
        List<String> evidence = evidence(commands, productionEnv);
        if (!evidence.isEmpty()) {
          String multiStage =
              context.stages().size() == 1
                  ? "; the Dockerfile has a single stage"
                  : "; this is the stage that ships";
          findings.add(
              Rules.BUILD_TOOLS, stage, instruction, String.join(", ", evidence) + multiStage);
          return;
        }
      }
    }
  }

  private static boolean removesPackages(List<Command> commands) {
    for (Command command : commands) {
      PackageCommand packages = PackageCommand.of(command);
      if (packages != null && packages.removes()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> evidence(List<Command> commands, boolean productionEnv) {
    List<String> evidence = new ArrayList<>();
    for (Command command : commands) {
      PackageCommand packages = PackageCommand.of(command);
      if (packages != null && packages.installs()) {
        List<String> tools = new ArrayList<>();
        for (String pkg : packages.packages()) {
          String name = PackageCommand.name(pkg);
          if (BUILD_PACKAGES.contains(name) || name.endsWith("-dev") || name.endsWith("-devel")) {
            tools.add(name);
          }
        }
        if (!tools.isEmpty()) {
          evidence.add(packages.manager() + " installs " + String.join(" ", tools));
        }
      } else if (packages != null && devDependencies(packages, productionEnv)) {
        evidence.add(
            packages.manager()
                + " "
                + packages.subcommand()
                + " installs development dependencies");
      } else if (packages != null
          && packages.subcommand().equals("run")
          && packages.packages().contains("build")) {
        evidence.add(packages.manager() + " run build");
      } else if (BUILD_PROGRAMS.contains(command.program())
          || (command.program().equals("go") && command.subcommand().equals("build"))
          || (command.program().equals("cargo") && command.subcommand().equals("build"))
          || (command.program().equals("dotnet")
              && Set.of("build", "publish").contains(command.subcommand()))) {
        evidence.add(command.program() + " " + command.subcommand() + " builds in the final image");
      }
    }
    return evidence;
  }

  private static boolean devDependencies(PackageCommand packages, boolean productionEnv) {
    if (productionEnv) {
      return false;
    }
    boolean install =
        switch (packages.manager()) {
          case "npm" -> Set.of("install", "i", "ci").contains(packages.subcommand());
          case "yarn", "pnpm" -> packages.subcommand().equals("install");
          default -> false;
        };
    if (!install || packages.hasOption("-g", "--global") || !packages.packages().isEmpty()) {
      return false;
    }
    for (String option : packages.options()) {
      if (PRODUCTION_FLAGS.contains(option) || option.equals("--omit=dev")) {
        return false;
      }
    }
    return true;
  }
}
