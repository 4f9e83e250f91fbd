package dev.portcullis.cli;

import picocli.CommandLine.Command;

/** {@code portcullis lint k8s PATH...}: configuration checks against the policy. */
@Command(
    name = "lint",
    description = "Check configuration files against the policy.",
    mixinStandardHelpOptions = true,
    subcommands = {LintKubernetesCommand.class})
final class LintCommand {}
