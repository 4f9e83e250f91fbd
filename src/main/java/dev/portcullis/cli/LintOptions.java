package dev.portcullis.cli;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code lint} command shares: the gate, the policy file and the report. */
final class LintOptions {

  @Mixin GateThreshold threshold;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Policy file: gate settings, exceptions, base-image tiers (default: ./portcullis.yaml"
              + " if present; what it leaves out comes from the shipped default).")
  Path policy;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or sarif (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE.")
  Path output;

  @Option(names = "--debug", description = "Print stack traces with errors.")
  boolean debug;

  /** The gate: these flags, else the policy file's settings, else report everything, exit 0. */
  GateSettings gate(Policy.GateDefaults fromPolicy) {
    return threshold.settings(null, fromPolicy);
  }
}
