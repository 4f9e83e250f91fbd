package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The top-level command: which subcommands a command line registers, and top-level help. */
class MainTest {

  @Test
  void aCommandLineNamingASubcommandRegistersThatOneAlone() {
    assertThat(Main.subcommandsFor(new String[] {"sbom", "image", "x"}))
        .containsExactly(SbomCommand.class);
    assertThat(Main.subcommandsFor(new String[] {"base-image", "check"}))
        .containsExactly(BaseImageCommand.class);
  }

  @Test
  void anythingElseRegistersEverySubcommand() {
    assertThat(Main.subcommandsFor(new String[] {})).hasSize(11);
    assertThat(Main.subcommandsFor(new String[] {"--help"})).hasSize(11);
    assertThat(Main.subcommandsFor(new String[] {"sbomm"})).hasSize(11);
  }

  @Test
  void topLevelHelpListsEverySubcommand() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    for (String name :
        List.of(
            "scan",
            "sbom",
            "lint",
            "policy",
            "key",
            "sign",
            "verify",
            "base-image",
            "db",
            "version")) {
      assertThat(result.out()).containsPattern("(?m)^\\s+" + name + "\\s");
    }
  }

  @Test
  void aMistypedSubcommandIsAUsageErrorPointingToTheHelp() {
    Cli.Result result = Cli.run("sbomm", "image");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'sbomm'", "Try 'portcullis --help'");
  }

  /** bin/portcullis takes --no-class-archive out of the command line; the CLI itself rejects it. */
  @Test
  void theLaunchersNoClassArchiveOptionIsAUsageErrorForTheJarItself() {
    Cli.Result result = Cli.run("--no-class-archive", "sbom", "image", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--no-class-archive'");
  }

  /**
   * An Error is an internal error (exit 3), never the JVM's exit 1, which reads as a failed gate.
   */
  @Test
  void anErrorIsAnInternalErrorNotAFailedGate() {
    java.io.StringWriter text = new java.io.StringWriter();
    int code =
        Main.handle(
            new StackOverflowError(),
            new picocli.CommandLine(new Main()),
            new java.io.PrintWriter(text, true));

    assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(text.toString())
        .isEqualTo(
            "portcullis: internal error: java.lang.StackOverflowError (run with --debug for"
                + " details)"
                + System.lineSeparator());
  }
}
