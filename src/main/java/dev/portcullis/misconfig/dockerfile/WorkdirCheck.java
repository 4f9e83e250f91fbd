package dev.portcullis.misconfig.dockerfile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * PC-DF-322: WORKDIR in a directory of the kernel or the system (Trivy's DS030). The runtime mounts
 * /proc, /sys and /dev over the image, so files put there at build time vanish, and a process
 * working in them can reach the host's view of the kernel. A relative WORKDIR is resolved against
 * the one before it in the stage, and the path is normalised, so {@code WORKDIR /} then {@code
 * WORKDIR proc} and {@code /srv/../proc} count too.
 */
final class WorkdirCheck implements Check {

  /** Trivy's list, plus /sys, which is mounted over like /proc. */
  private static final List<String> SYSTEM =
      List.of("/proc", "/sys", "/boot", "/dev", "/initrd", "/lost+found");

  /** The ones the runtime mounts over, so that what the build puts there vanishes. */
  private static final List<String> MOUNTED = List.of("/proc", "/sys", "/dev");

  @Override
  public void check(LintContext context, Findings findings) {
    for (Stage stage : context.stages()) {
      String current = "/";
      for (Instruction instruction : stage.instructions()) {
        if (!instruction.is("WORKDIR")) {
          continue;
        }
        String path = unquoted(instruction.expanded().strip());
        if (path.isEmpty() || !instruction.resolved()) {
          continue;
        }
        current = normalise(path.startsWith("/") ? path : current + "/" + path);
        String system = systemDirectory(current);
        if (system != null) {
          findings.add(
              Rules.WORKDIR_SYSTEM,
              stage,
              instruction,
              "WORKDIR "
                  + instruction.arguments().strip()
                  + ": "
                  + current
                  + " is in "
                  + system
                  + (MOUNTED.contains(system)
                      ? ", which the runtime mounts over: what the build puts there vanishes"
                      : ", which belongs to the system, not to the application"));
        }
      }
    }
  }

  private static String unquoted(String path) {
    if (path.length() > 1 && path.startsWith("\"") && path.endsWith("\"")) {
      return path.substring(1, path.length() - 1);
    }
    return path;
  }

  /** An absolute path without ".", "..", or doubled slashes. */
  static String normalise(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String systemDirectory(String path) {
    for (String directory : SYSTEM) {
      if (path.equals(directory) || path.startsWith(directory + "/")) {
        return directory;
      }
    }
    return null;
  }
}
