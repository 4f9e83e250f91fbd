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
   * The command tree, in the order help lists it. Subcommands are registered from here rather than
   * from the annotations: picocli reflects over every option of every registered command before it
   * parses anything, which costs a cold JVM a tenth of a second or more for commands it will not
   * run. So at each level only the subcommand the command line names is registered (see {@link
   * #register}).
   */
  private static final List<CommandNode> COMMANDS =
      List.of(
          CommandNode.of(
              ScanCommand.class,
              ScanCommand.Image.class,
              ScanCommand.Filesystem.class,
              ScanCommand.Sbom.class),
          CommandNode.of(SbomCommand.class, SbomCommand.Image.class, SbomCommand.Filesystem.class),
          CommandNode.of(
              LintCommand.class, LintCommand.Dockerfiles.class, LintKubernetesCommand.class),
          CommandNode.of(PolicyCommand.class, PolicyCommand.Init.class, PolicyCommand.Check.class),
          CommandNode.of(KeyCommand.class, KeyCommand.Generate.class),
          CommandNode.of(SignCommand.class),
          CommandNode.of(VerifyCommand.class),
          CommandNode.of(
              BaseImageCommand.class, BaseImageCommand.Check.class, BaseImageCommand.Update.class),
          CommandNode.of(
              DbCommand.class,
              DbCommand.Update.class,
              DbCommand.Import.class,
              DbCommand.Status.class),
          new CommandNode(
              ServeCommand.class,
              List.of(
                  CommandNode.of(
                      ServeCommand.Token.class,
                      ServeCommand.Token.Create.class,
                      ServeCommand.Token.Revoke.class))),
          CommandNode.of(VersionCommand.class),
          CommandNode.of(TrainClassArchiveCommand.class));

  /** A command class and the subcommands registered under it. */
  record CommandNode(Class<?> type, List<CommandNode> subcommands) {

    static CommandNode of(Class<?> type, Class<?>... leaves) {
      return new CommandNode(type, Arrays.stream(leaves).map(CommandNode::of).toList());
    }

    boolean isNamed(String word) {
      Command command = type.getAnnotation(Command.class);
      return command.name().equals(word) || Arrays.asList(command.aliases()).contains(word);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; the streams are parameters so that tests can run the CLI in-process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(args);
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
   * The command line with the subcommands {@code args} needs registered; none where it asks for the
   * version alone.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    boolean versionAlone = args.length == 1 && List.of("--version", "-V").contains(args[0]);
    if (!versionAlone) {
      register(commandLine, COMMANDS, args, 0);
    }
    return commandLine;
  }

  /**
   * Registers under {@code parent} the one of {@code nodes} that the argument at {@code depth}
   * names, and under it what the next argument names; all of them, all the way down, where it names
   * none (help, {@code --version}, an option before the subcommand, a mistyped command), so that
   * help and error messages list them all.
   */
  private static void register(
      CommandLine parent, List<CommandNode> nodes, String[] args, int depth) {
    List<CommandNode> chosen = nodes;
    if (depth >= 0 && depth < args.length) {
      for (CommandNode node : nodes) {
        if (node.isNamed(args[depth])) {
          chosen = List.of(node);
          break;
        }
      }
    }
    for (CommandNode node : chosen) {
      CommandLine child = new CommandLine(node.type());
      parent.addSubcommand(child);
      register(child, node.subcommands(), args, chosen == nodes ? -1 : depth + 1);
    }
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
