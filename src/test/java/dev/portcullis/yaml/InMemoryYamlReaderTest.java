package dev.portcullis.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.testing.SharedPsaFixtures;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/** The in-memory reader must give SnakeYAML exactly what SnakeYAML's own reader gives it. */
class InMemoryYamlReaderTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: 1\nb: [x, y]\n",
        "a: 1\r\nb: 'two\r\n  lines'\r\n",
        "a: 1\rb: 2\r",
        "key: \u00e9t\u00e9 \ud83d\ude00\u2028next: line\u2029c: \u0085",
        "---\nkind: A\n...\n---\nkind: B\n# comment\n",
        "big: &a \"some text\"\nlist:\n  - *a\n  - *a\n",
        "block: |\n  one\n  two\n\nfolded: >-\n  three\n  four\n",
        "\ufeffa: 1\n",
        "a: [1, 2\n",
        "a: \"unterminated\n",
        "",
        "a:\tb\n  - c\n"
      })
  void eventsAndMarksAreTheParents(String yaml) {
    assertThat(events(new InMemoryYamlReader(yaml)))
        .isEqualTo(events(new StreamReader(new StringReader(yaml))));
  }

  /**
   * SnakeYAML's reader refuses a control character when it loads the 1,024 characters around it;
   * this one when the parser reaches it, so that the documents before it are read.
   */
  @Test
  void aControlCharacterIsRefusedWhereItIs() {
    String yaml = "first: document\n---\nsecond: \u0001 control\n";

    List<String> parent = events(new StreamReader(new StringReader(yaml)));
    List<String> ours = events(new InMemoryYamlReader(yaml));

    assertThat(ours.get(ours.size() - 2)).isEqualTo(parent.get(parent.size() - 2));
    assertThat(ours).anyMatch(event -> event.contains("value=second"));
  }

  @Test
  void aLongLineIsReadWhole() {
    String yaml = "data:\n  big: " + "x".repeat(200_000) + "\n  after: 1\n";

    assertThat(events(new InMemoryYamlReader(yaml)))
        .isEqualTo(events(new StreamReader(new StringReader(yaml))));
  }

  @Test
  void everyPodSecurityAdmissionFixtureReadsTheSame() throws IOException {
    assumeTrue(Files.isDirectory(SharedPsaFixtures.DIRECTORY), "../shared/testdata is absent");
    List<SharedPsaFixtures.Fixture> fixtures = SharedPsaFixtures.all();
    for (SharedPsaFixtures.Fixture fixture : fixtures) {
      String yaml = Files.readString(fixture.file());
      assertThat(events(new InMemoryYamlReader(yaml)))
          .as(fixture.toString())
          .isEqualTo(events(new StreamReader(new StringReader(yaml))));
    }
    assertThat(fixtures).isNotEmpty();
  }

  /** Every event with its marks, then the error and its mark if the text is not YAML. */
  private static List<String> events(StreamReader reader) {
    List<String> seen = new ArrayList<>();
    ParserImpl parser = new ParserImpl(reader, new LoaderOptions());
    try {
      while (parser.peekEvent() != null) {
        Event event = parser.getEvent();
        seen.add(event + " " + mark(event.getStartMark()) + " " + mark(event.getEndMark()));
        if (event.is(Event.ID.StreamEnd)) {
          break;
        }
      }
    } catch (MarkedYAMLException e) {
      // Not the message: its snippet shows what the reader still holds of the line.
      seen.add(e.getContext() + " / " + e.getProblem() + " " + mark(e.getProblemMark()));
    } catch (YAMLException e) {
      seen.add(e.toString());
    }
    seen.add("at " + reader.getIndex() + ":" + reader.getLine() + ":" + reader.getColumn());
    return seen;
  }

  private static String mark(Mark mark) {
    return mark == null ? "-" : mark.getIndex() + "/" + mark.getLine() + "/" + mark.getColumn();
  }
}
