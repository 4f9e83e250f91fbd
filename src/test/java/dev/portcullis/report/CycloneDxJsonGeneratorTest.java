package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.util.serializer.TrimStringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our CycloneDX generator writes what cyclonedx-core-java's own writes, string by string. */
class CycloneDxJsonGeneratorTest {

  private static final char[] ALPHABET = {
    ' ', ' ', '\r', '\n', '\t', 'a', 'Z', 'é', '\f', '\u000B', '\u0000', '\u00A0', '\u2003', '"'
  };

  /** A string serializer, as a call. */
  private interface Serializer {
    void serialize(String value, JsonGenerator gen) throws IOException;
  }

  private static String written(Serializer serializer, String value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
      serializer.serialize(value, gen);
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void everyStringIsWrittenAsTheLibrarysSerializerWritesIt(long seed) throws IOException {
    Random random = new Random(seed);
    TrimStringSerializer libraryStrings = new TrimStringSerializer();
    CycloneDxJsonGenerator.TrimmedStrings ourStrings = new CycloneDxJsonGenerator.TrimmedStrings();
    Serializer library = (value, gen) -> libraryStrings.serialize(value, gen, null);
    Serializer ours = (value, gen) -> ourStrings.serialize(value, gen, null);
    for (int i = 0; i < 5000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int c = 0; c < chars.length; c++) {
        chars[c] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String value = new String(chars);
      assertThat(written(ours, value)).as("%s", List.of(value)).isEqualTo(written(library, value));
    }
  }

  @Test
  void aWholeBomIsTheLibrarysBom() throws Exception {
    Bom bom = new Bom();
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    component.setName("  name\twith\r\n  spacing ");
    component.setVersion("1.0");
    component.setDescription("line one\nline two\n\n  indented");
    Property property = new Property();
    property.setName("portcullis:path");
    property.setValue("usr/share/doc/a  b");
    component.setProperties(List.of(property));
    bom.setComponents(List.of(component));
    String library = BomGeneratorFactory.createJson(CycloneDxWriter.VERSION, bom).toJsonString();

    assertThat(new CycloneDxJsonGenerator(bom).toJsonString())
        .isEqualTo(library)
        .contains("\"name\" : \"name with spacing\"");
  }
}
