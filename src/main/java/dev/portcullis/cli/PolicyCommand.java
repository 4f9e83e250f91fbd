package dev.portcullis.cli;

import dev.portcullis.image.InputException;
import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.BaseImageTier;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import dev.portcullis.policy.VulnerabilityException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis policy init|check}: the policy file. */
@Command(
    name = "policy",
    description = "Write or validate the policy file (portcullis.yaml).",
    mixinStandardHelpOptions = true)
final class PolicyCommand {

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Write the default policy: the gate, seed 000's base-image tiers, the Dockerfile rule"
              + " settings, no exceptions.")
  static final class Init implements Callable<Integer> {
    @Parameters(
        paramLabel = "FILE",
        arity = "0..1",
        defaultValue = "portcullis.yaml",
        description = "Where to write it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (Files.exists(file) && !force) {
        throw new UsageException(file + " exists; keep it, or overwrite it with --force");
      }
      String text = PolicyLoader.defaultText();
      ReportOutput.write(
          file,
          spec.commandLine().getOut(),
          out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
      spec.commandLine()
          .getOut()
          .println("wrote " + file + "; edit it, then check it with 'portcullis policy check'");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Validate a policy file; errors name the file, line and column.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the file is valid (expired exceptions are listed as warnings)",
        "1:the file is not valid",
        "2:usage error, or no such file"
      })
  static final class Check implements Callable<Integer> {
    @Parameters(
        paramLabel = "FILE",
        arity = "0..1",
        defaultValue = "portcullis.yaml",
        description = "The policy file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new UsageException(file + ": no such file; 'portcullis policy init' writes one");
      }
      Policy policy;
      try {
        policy = new PolicyLoader().load(file);
        PolicyFiles.checkRuleIds(file, policy);
      } catch (InputException e) {
        spec.commandLine().getErr().println("portcullis: " + e.getMessage());
        return ExitCodes.CHECK_FAILED;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(file + ": valid");
      out.println("  " + describeGate(policy));
      out.println("  " + describeTiers(policy.baseImages()));
      out.println(
          "  dockerfile: "
              + (policy.dockerfile() == null
                  ? "none (the default's settings apply)"
                  : policy.dockerfile().rules().size()
                      + " rule settings, "
                      + policy.dockerfile().versionInRepository().size()
                      + " version-in-repository patterns"));
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<String> expired = new ArrayList<>();
      for (VulnerabilityException exception : policy.exceptions()) {
        if (!exception.activeOn(today)) {
          expired.add(
              exception.id()
                  + " (expired "
                  + exception.expires()
                  + ", "
                  + exception.origin()
                  + ")");
        }
      }
      out.println("  exceptions: " + policy.exceptions().size() + ", expired: " + expired.size());
      for (String line : expired) {
        spec.commandLine()
            .getErr()
            .println("portcullis: warning: exception " + line + " no longer suppresses");
      }
      return ExitCodes.OK;
    }

    private static String describeGate(Policy policy) {
      Policy.GateDefaults gate = policy.gate();
      if (gate == null) {
        return "gate: none (every severity reported, exit code 0 unless --exit-code)";
      }
      return "gate: severity "
          + (gate.severity() == null ? "all" : String.join(",", gate.severity()))
          + ", exit code "
          + (gate.exitCode() == null ? 0 : gate.exitCode());
    }

    private static String describeTiers(BaseImagePolicy tiers) {
      if (tiers == null) {
        return "base-images: none (the default's tiers apply)";
      }
      StringBuilder text = new StringBuilder("base-images:");
      for (BaseImagePolicy.Tier tier : BaseImagePolicy.Tier.values()) {
        BaseImageTier definition = tiers.definition(tier);
        text.append(' ')
            .append(tier.label())
            .append(' ')
            .append(definition == null ? "-" : definition.images().size() + " images");
        if (tier != BaseImagePolicy.Tier.FORBIDDEN) {
          text.append(',');
        }
      }
      return text.toString();
    }
  }
}
