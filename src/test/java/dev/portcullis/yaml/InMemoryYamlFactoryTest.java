package dev.portcullis.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

class InMemoryYamlFactoryTest {

  private final ObjectMapper ours =
      YAMLMapper.builder(new InMemoryYamlFactory(new LoaderOptions())).build();
  private final ObjectMapper jacksons = new YAMLMapper();

  @Test
  void readsWhatJacksonsFactoryReads() throws Exception {
    String yaml =
        "gate:\n  severities: [CRITICAL, HIGH]\nexceptions:\n  - id: CVE-1\n    until: 2027-01-01\n"
            + "note: |\n  "
            + "x".repeat(100_000)
            + "\n";

    assertThat(ours.readTree(yaml)).isEqualTo(jacksons.readTree(yaml));
    assertThat(ours.readTree(new StringReader(yaml))).isEqualTo(jacksons.readTree(yaml));
  }

  @Test
  void errorsNameTheSameLine() {
    String yaml = "a: 1\nb: [2,\n";

    assertThatThrownBy(() -> ours.readTree(yaml))
        .isInstanceOf(JacksonException.class)
        .satisfies(
            e -> {
              try {
                jacksons.readTree(yaml);
              } catch (JacksonException theirs) {
                assertThat(((JacksonException) e).getLocation().getLineNr())
                    .isEqualTo(theirs.getLocation().getLineNr());
              }
            });
  }
}
