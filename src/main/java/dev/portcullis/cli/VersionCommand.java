package dev.portcullis.cli;

import dev.portcullis.files.UserFiles;
import dev.portcullis.version.Ecosystems;
import dev.portcullis.version.UncomparableVersionException;
import dev.portcullis.version.VersionComparator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis version compare}: the version rules the matcher uses, for debugging a match.
 */
@Command(
    name = "version",
    description = "Version rules of each ecosystem.",
    mixinStandardHelpOptions = true,
    subcommands = {VersionCommand.Compare.class})
final class VersionCommand {

  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = {
        "Compare two versions under an ecosystem's rules and print <, = or >.",
        "With --check FILE, read lines 'A < B', 'A = B', 'A > B', print each line that disagrees,",
        "and exit 1 if any does.",
        "Ecosystems as OSV names them (Debian, Alpine, Red Hat, Maven, npm, PyPI, Go, ...),",
        "case-insensitive, plus debian, alpine, redhat, rpm and semver."
      })
  static final class Compare implements Callable<Integer> {

    /** A file of version pairs to check; OSV's vector files are a few hundred kilobytes. */
    static final long MAX_CHECK_BYTES = 64L * 1024 * 1024;

    private static final Pattern LINE = Pattern.compile("^\\s*(\\S+)\\s+([<=>])\\s+(\\S+)\\s*$");

    @Option(
        names = "--ecosystem",
        required = true,
        paramLabel = "NAME",
        description = "The ecosystem.")
    String ecosystem;

    @Option(
        names = "--check",
        paramLabel = "FILE",
        description = "Check a file of expected orderings.")
    Path check;

    @Parameters(
        paramLabel = "VERSION",
        arity = "0..2",
        description = "Two versions (without --check).")
    List<String> versions = List.of();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      VersionComparator comparator;
      try {
        comparator = Ecosystems.forEcosystem(ecosystem);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (check != null) {
        return checkFile(comparator, out);
      }
      if (versions.size() != 2) {
        throw new UsageException("give two versions to compare, or --check FILE");
      }
      try {
        out.println(symbol(comparator.compare(versions.get(0), versions.get(1))));
      } catch (UncomparableVersionException e) {
        throw new UsageException(e.getMessage());
      }
      out.flush();
      return ExitCodes.OK;
    }

    private int checkFile(VersionComparator comparator, PrintWriter out) throws IOException {
      List<String> lines =
          UserFiles.readText(check, MAX_CHECK_BYTES, "a file of versions").lines().toList();
      int checked = 0;
      int disagreeing = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        Matcher m = LINE.matcher(line);
        if (line.isBlank()
            || line.strip().startsWith("#")
            || line.strip().startsWith("//")
            || !m.matches()) {
          continue;
        }
        checked++;
        String actual;
        try {
          actual = symbol(comparator.compare(m.group(1), m.group(3)));
        } catch (UncomparableVersionException e) {
          actual = "not comparable";
        }
        if (!actual.equals(m.group(2))) {
          disagreeing++;
          out.printf("%s:%d: %s  (got %s)%n", check, i + 1, line.strip(), actual);
        }
      }
      out.printf("%d checked, %d disagree%n", checked, disagreeing);
      out.flush();
      return disagreeing == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String symbol(int comparison) {
      return comparison < 0 ? "<" : comparison > 0 ? ">" : "=";
    }
  }
}
