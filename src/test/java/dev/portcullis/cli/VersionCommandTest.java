package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionCommandTest {

  @TempDir Path dir;

  @Test
  void comparesTwoVersionsUnderTheEcosystemsRules() {
    assertThat(Cli.run("version", "compare", "--ecosystem", "debian", "1.0~rc1", "1.0").out())
        .isEqualTo("<\n");
    assertThat(Cli.run("version", "compare", "--ecosystem", "PyPI", "1.0", "1.0.0").out())
        .isEqualTo("=\n");
    assertThat(
            Cli.run("version", "compare", "--ecosystem", "ALPINE", "1.2.3-r10", "1.2.3-r9").out())
        .isEqualTo(">\n");
  }

  @Test
  void checkFilePrintsEveryDisagreeingLineAndFailsOnAny() throws IOException {
    Path file = dir.resolve("vectors.txt");
    Files.writeString(file, "# comment\n1.0 < 2.0\n\n2.0 < 1.0\n1.0 = 1.0\n");

    Cli.Result result =
        Cli.run("version", "compare", "--ecosystem", "semver", "--check", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains(file + ":4: 2.0 < 1.0  (got >)", "3 checked, 1 disagree");
  }

  @Test
  void unknownEcosystemAndUnreadableVersionAreUsageErrors() {
    Cli.Result unknown = Cli.run("version", "compare", "--ecosystem", "cobol", "1", "2");
    Cli.Result unreadable = Cli.run("version", "compare", "--ecosystem", "debian", "", "1.0");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown ecosystem 'cobol'", "Debian");
    assertThat(unreadable.exitCode()).isEqualTo(2);
    assertThat(unreadable.err()).contains("version not comparable");
  }
}
