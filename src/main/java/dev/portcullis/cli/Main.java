package dev.portcullis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code portcullis} command line. */
@Command(
    name = "portcullis",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Container security gate: image inventory (SBOM), known vulnerabilities, Dockerfile and"
            + " Kubernetes manifest checks, and the gate over them.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success, nothing the gate forbids",
      "N:the gate failed: the --exit-code N given (0 by default, as in Trivy)",
      "2:usage or input error",
      "3:internal error"
    })
public final class Main {

  /**
   * The subcommands, in the order help lists them. They are registered in {@link #run} rather than
   * in the annotation: picocli reflects over every option of every registered command before it
   * parses anything, which costs a cold JVM a tenth of a second or more for commands it will not
   * run.
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ScanCommand.class,
          SbomCommand.class,
          LintCommand.class,
          PolicyCommand.class,
          KeyCommand.class,
          SignCommand.class,
          VerifyCommand.class,
          BaseImageCommand.class,
          DbCommand.class,
          ServeCommand.class,
          VersionCommand.class,
          TrainClassArchiveCommand.class);

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; the streams are parameters so that tests can run the CLI in-process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    for (Class<?> subcommand : subcommandsFor(args)) {
      commandLine.addSubcommand(subcommand);
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> handle(exception, cmd, err));
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          err.println("portcullis: " + exception.getMessage());
          err.println(
              "Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.INPUT_ERROR;
        });
    try {
      return commandLine.execute(args);
    } catch (Error error) {
      // picocli hands only exceptions to the handler: an Error (a stack overflow on input no check
      // foresaw) would otherwise end the JVM with exit code 1, which reads as a failed gate.
      return handle(error, commandLine, err);
    }
  }

  /**
   * The subcommand the first argument names, alone; all of them where it names none (top-level
   * help, {@code --version}, a mistyped command), so that help and error messages list them all.
   */
  static List<Class<?>> subcommandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        Command command = subcommand.getAnnotation(Command.class);
        if (command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0])) {
          return List.of(subcommand);
        }
      }
    }
    return SUBCOMMANDS;
  }

  static int handle(Throwable exception, CommandLine cmd, PrintWriter err) {
    boolean debug = cmd.getParseResult() != null && isDebug(cmd);
    // Input and environment problems (InputException is one) are exit code 2; anything else is a
    // bug.
    if (exception instanceof IOException || exception instanceof UsageException) {
      err.println("portcullis: " + exception.getMessage());
      if (debug) {
        exception.printStackTrace(err);
      }
      return ExitCodes.INPUT_ERROR;
    }
    err.println(
        "portcullis: internal error: "
            + exception
            + (debug ? "" : " (run with --debug for details)"));
    if (debug) {
      exception.printStackTrace(err);
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  private static boolean isDebug(CommandLine cmd) {
    for (CommandLine current = cmd; current != null; current = current.getParent()) {
      if (current.getParseResult() != null
          && current.getParseResult().hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
