package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command: which subcommands a command line registers, and top-level help. */
class MainTest {

  /** The names registered at each level, the path down the tree following the first of each. */
  private static List<Set<String>> registered(String... args) {
    List<Set<String>> levels = new ArrayList<>();
    CommandLine current = Main.commandLine(args);
    while (!current.getSubcommands().isEmpty()) {
      levels.add(new LinkedHashSet<>(current.getSubcommands().keySet()));
      current = current.getSubcommands().values().iterator().next();
    }
    return levels;
  }

  @Test
  void aCommandLineNamingASubcommandRegistersThatOneAloneAtEachLevel() {
    assertThat(registered("sbom", "image", "x")).containsExactly(Set.of("sbom"), Set.of("image"));
    assertThat(registered("base-image", "check"))
        .containsExactly(Set.of("base-image"), Set.of("check"));
    assertThat(registered("serve", "token", "create"))
        .containsExactly(Set.of("serve"), Set.of("token"), Set.of("create"));
    assertThat(registered("lint", "kubernetes", "x"))
        .containsExactly(Set.of("lint"), Set.of("k8s", "kubernetes"));
  }

  @Test
  void aLevelThatNamesNoSubcommandRegistersAllOfThemBelowIt() {
    assertThat(registered("scan", "--help"))
        .containsExactly(Set.of("scan"), Set.of("image", "fs", "sbom"));
    assertThat(registered("serve", "--data-dir", "d", "token", "create"))
        .containsExactly(Set.of("serve"), Set.of("token"), Set.of("create", "revoke"));
  }

  @Test
  void anythingElseRegistersEverySubcommand() {
    for (String[] args :
        List.of(new String[] {}, new String[] {"--help"}, new String[] {"sbomm", "image"})) {
      CommandLine commandLine = Main.commandLine(args);
      assertThat(commandLine.getSubcommands()).hasSize(12);
      assertThat(commandLine.getSubcommands().get("scan").getSubcommands()).hasSize(3);
      assertThat(
              commandLine
                  .getSubcommands()
                  .get("serve")
                  .getSubcommands()
                  .get("token")
                  .getSubcommands())
          .containsOnlyKeys("create", "revoke");
    }
  }

  @Test
  void theVersionAloneRegistersNoSubcommand() {
    assertThat(Main.commandLine(new String[] {"--version"}).getSubcommands()).isEmpty();
    Cli.Result result = Cli.run("--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("portcullis ");
  }

  @Test
  void subcommandHelpListsEverySubcommandOfThatLevel() {
    Cli.Result result = Cli.run("db", "--help");

    assertThat(result.exitCode()).isZero();
    for (String name : List.of("update", "import", "status")) {
      assertThat(result.out()).containsPattern("(?m)^\\s+" + name + "\\s");
    }
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
