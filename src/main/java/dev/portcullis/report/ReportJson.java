package dev.portcullis.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.BiConsumer;

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

  /**
   * The items as a JSON array that is rendered while it is written, one item at a time, so that a
   * report of a hundred thousand findings never holds them all as JSON nodes. Put it into a tree
   * with {@code putPOJO}.
   */
  <T> Iterable<ObjectNode> lazily(List<T> items, BiConsumer<ObjectNode, T> render) {
    return () ->
        items.stream()
            .map(
                item -> {
                  ObjectNode node = mapper.createObjectNode();
                  render.accept(node, item);
                  return node;
                })
            .iterator();
  }

  void write(Object document, OutputStream out) throws IOException {
    mapper.writeValue(out, document);
    out.write('\n');
  }
}
