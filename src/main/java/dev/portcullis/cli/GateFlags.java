package dev.portcullis.cli;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.vulndb.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The gate settings of every command that has one: the flags, else the policy's, else Trivy's. */
final class GateFlags {

  private GateFlags() {}

  static GateSettings settings(
      List<String> severities,
      Integer exitCode,
      Boolean ignoreUnfixed,
      Policy.GateDefaults policyDefaults) {
    Policy.GateDefaults defaults =
        policyDefaults != null ? policyDefaults : new Policy.GateDefaults(null, null, null, null);
    int code = exitCode != null ? exitCode : defaults.exitCode() != null ? defaults.exitCode() : 0;
    if (code < 0
        || code > 255
        || code == ExitCodes.INPUT_ERROR
        || code == ExitCodes.INTERNAL_ERROR) {
      throw new UsageException(
          "exit code "
              + code
              + " is not usable for the gate: choose 1 or 4 to 255 (2 and 3 mean errors)");
    }
    List<String> names =
        !severities.isEmpty()
            ? severities
            : defaults.severity() != null ? defaults.severity() : List.of();
    Set<Severity> wanted = EnumSet.noneOf(Severity.class);
    for (String name : names) {
      try {
        wanted.add(Severity.named(name));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "unknown severity '" + name + "'; use CRITICAL, HIGH, MEDIUM, LOW, NONE or UNKNOWN");
      }
    }
    boolean unfixed =
        ignoreUnfixed != null ? ignoreUnfixed : Boolean.TRUE.equals(defaults.ignoreUnfixed());
    return new GateSettings(
        wanted.isEmpty() ? EnumSet.allOf(Severity.class) : wanted, unfixed, code);
  }

  /** The first of the names that is a file in the current directory, or null. */
  static Path firstExisting(String... names) {
    for (String name : names) {
      if (Files.isRegularFile(Path.of(name))) {
        return Path.of(name);
      }
    }
    return null;
  }
}
