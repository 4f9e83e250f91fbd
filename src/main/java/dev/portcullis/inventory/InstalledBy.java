package dev.portcullis.inventory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What installed an application's package, so that the team that owns it gets its findings: the
 * package manager of the Dockerfile instruction that made its layer, and the file it was found in
 * (a lockfile, {@code requirements.txt}, a jar nested in a war).
 */
public final class InstalledBy {

  private record Manager(String name, Pattern command) {}

  private static final List<Manager> MANAGERS =
      List.of(
          new Manager(
              "apt-get install", Pattern.compile("\\bapt(?:-get)?\\s+(?:-\\S+\\s+)*install\\b")),
          new Manager("dpkg -i", Pattern.compile("\\bdpkg\\s+(?:-\\S+\\s+)*(?:-i|--install)\\b")),
          new Manager("apk add", Pattern.compile("\\bapk\\s+(?:-\\S+\\s+)*add\\b")),
          new Manager(
              "dnf install", Pattern.compile("\\b(?:micro)?dnf\\s+(?:-\\S+\\s+)*install\\b")),
          new Manager("yum install", Pattern.compile("\\byum\\s+(?:-\\S+\\s+)*install\\b")),
          new Manager("rpm -i", Pattern.compile("\\brpm\\s+(?:-\\S+\\s+)*-[iU]")),
          new Manager("pip install", Pattern.compile("\\bpip3?\\s+(?:-\\S+\\s+)*install\\b")),
          new Manager("npm", Pattern.compile("\\bnpm\\s+(?:ci|install|i)\\b")),
          new Manager("yarn", Pattern.compile("\\byarn\\b")),
          new Manager("pnpm", Pattern.compile("\\bpnpm\\b")),
          new Manager("mvn", Pattern.compile("\\bmvnw?\\b")),
          new Manager("gradle", Pattern.compile("\\bgradlew?\\b")),
          new Manager("go build", Pattern.compile("\\bgo\\s+(?:build|install)\\b")),
          new Manager("cargo", Pattern.compile("\\bcargo\\b")),
          new Manager("gem install", Pattern.compile("\\b(?:gem\\s+install|bundle)\\b")),
          new Manager("composer", Pattern.compile("\\bcomposer\\b")),
          new Manager("COPY", Pattern.compile("^(?:COPY|ADD)\\b")));

  private InstalledBy() {}

  /**
   * "apt-get install in layer 1 (RUN apt-get install -y curl), var/lib/dpkg/status", "COPY in layer
   * 2 (COPY app /app), /app/app.war!/WEB-INF/lib/x.jar"; null for a package without a layer.
   */
  public static String describe(Package pkg) {
    LayerInfo layer = pkg.layer();
    if (layer == null) {
      return null;
    }
    String command = layer.createdBy() == null ? "" : layer.createdBy().strip();
    String manager = manager(command);
    String file = "/" + pkg.foundIn();
    return (manager == null ? "layer " : manager + " in layer ")
        + layer.index()
        + (command.isEmpty() ? "" : " (" + command + ")")
        + ", "
        + file;
  }

  /** The package manager a Dockerfile instruction ran, or null when it names none known. */
  static String manager(String createdBy) {
    String command = createdBy.replaceFirst("^/bin/sh -c (?:#\\(nop\\)\\s+)?", "");
    if (command.toUpperCase(Locale.ROOT).startsWith("RUN ")) {
      command = command.substring(4);
    }
    for (Manager manager : MANAGERS) {
      if (manager.command().matcher(command).find()) {
        return manager.name();
      }
    }
    return null;
  }
}
