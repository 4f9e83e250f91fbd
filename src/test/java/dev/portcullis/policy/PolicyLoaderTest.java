package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed policy files. */
class PolicyLoaderTest {

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path file = dir.resolve("portcullis.yaml");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void wellFormedPolicy() throws IOException {
    Policy policy =
        new PolicyLoader()
            .load(
                write(
                    """
        gate:
          severity: [CRITICAL]
          ignore-unfixed: true
        exceptions:
          - id: CVE-2024-1
            reason: r
            owner: o
            expires: 2030-06-30
            scope: {package: openssl, path: "usr/lib/**"}
        """));

    assertThat(policy.gate().ignoreUnfixed()).isTrue();
    VulnerabilityException exception = policy.exceptions().get(0);
    assertThat(exception.expires()).isEqualTo(LocalDate.of(2030, 6, 30));
    assertThat(exception.activeOn(LocalDate.of(2030, 6, 30))).isTrue();
    assertThat(exception.activeOn(LocalDate.of(2030, 7, 1))).isFalse();
    assertThat(exception.scope().packageName()).isEqualTo("openssl");
    assertThat(exception.origin()).endsWith("exceptions[0]");
  }

  @Test
  void malformedDateIsNamedWithItsLine() throws IOException {
    Path file =
        write("exceptions:\n  - id: X\n    reason: r\n    owner: o\n    expires: next tuesday\n");

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:5:");
  }

  @Test
  void billionLaughsIsRefused() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      yaml.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append("]\n");
    }
    Path file = write(yaml.toString());

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml");
  }

  @Test
  void notYamlAtAll() throws IOException {
    Path file = write("exceptions: [unclosed\n  - : :\n");

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:");
  }

  @Test
  void patchDeadlinesAreReadWithTheirDefaults() throws IOException {
    Policy policy = new PolicyLoader().load(write("sla:\n  critical: 24h\n  low: 90d\n"));

    assertThat(policy.slaSettings().critical().duration()).isEqualTo(Duration.ofHours(24));
    assertThat(policy.slaSettings().high().duration()).isEqualTo(Duration.ofDays(7));
    assertThat(policy.slaSettings().medium().duration()).isEqualTo(Duration.ofDays(30));
    assertThat(policy.slaSettings().low().duration()).isEqualTo(Duration.ofDays(90));
    assertThat(Policy.empty().slaSettings().low().nextRelease()).isTrue();
    assertThat(new PolicyLoader().load(write("sla:\n  high: PT36H\n")).slaSettings().high())
        .isEqualTo(SlaSettings.PatchTime.of(Duration.ofHours(36)));
  }

  @Test
  void aPatchTimeThatIsNoneIsNamedWithItsLine() throws IOException {
    for (String value : new String[] {"soon", "0h", "-7d", "P-1D", "48"}) {
      Path file = write("sla:\n  critical: " + value + "\n");

      assertThatThrownBy(() -> new PolicyLoader().load(file))
          .as(value)
          .isInstanceOf(InputException.class)
          .hasMessageContaining("portcullis.yaml:2:")
          .hasMessageContaining("is not a time to patch");
    }
  }

  @Test
  void anUnknownSeverityUnderSlaIsRefused() throws IOException {
    Path file = write("sla:\n  urgent: 1h\n");

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:2:3: unknown key 'urgent'");
  }
}
