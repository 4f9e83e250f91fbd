package dev.portcullis.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.io.OutputStream;

/** How every JSON report is written: indented, without nulls, ending in a newline. */
final class ReportJson {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addMixIn(Package.class, PackageFields.class)
          .build();

  /** A package's {@code dev} flag is written only where it is set. */
  private interface PackageFields {
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    boolean dev();
  }

  ObjectMapper mapper() {
    return mapper;
  }

  void write(Object document, OutputStream out) throws IOException {
    mapper.writeValue(out, document);
    out.write('\n');
  }
}
