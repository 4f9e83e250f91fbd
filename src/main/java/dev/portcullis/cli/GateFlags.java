package dev.portcullis.cli;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.vulndb.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/** The gate settings of every command that has one: the flags, else the policy's, else Trivy's. */
final class GateFlags {

  private GateFlags() {}

  static GateSettings settings(
      List<String> severities,
      Integer exitCode,
      Boolean ignoreUnfixed,
      Policy.GateDefaults policyDefaults) {
    GateSettings settings;
    try {
      settings =
          GateSettings.of(
              severities, exitCode, ignoreUnfixed, policyDefaults, EnumSet.allOf(Severity.class));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    int code = settings.exitCode();
    if (code < 0
        || code > 255
        || code == ExitCodes.INPUT_ERROR
        || code == ExitCodes.INTERNAL_ERROR) {
      throw new UsageException(
          "exit code "
              + code
              + " is not usable for the gate: choose 1 or 4 to 255 (2 and 3 mean errors)");
    }
    return settings;
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
