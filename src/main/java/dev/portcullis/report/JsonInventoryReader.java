package dev.portcullis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import java.io.IOException;
import java.util.List;

/**
 * Reads Portcullis' own JSON inventory ({@code sbom --format json}, docs/json-format.md) back into
 * the inventory it was written from, so that the server re-matches a stored inventory exactly.
 */
public final class JsonInventoryReader {

  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * @param source names the document in error messages
   * @throws InputException when it is not a Portcullis JSON inventory of this schema version
   */
  public Inventory read(byte[] document, String source) throws InputException {
    JsonInventoryWriter.Document read;
    try {
      read = mapper.readValue(document, JsonInventoryWriter.Document.class);
    } catch (JsonProcessingException e) {
      throw new InputException(
          source + ": not a Portcullis JSON inventory (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new InputException(source + ": unreadable (" + e.getMessage() + ")", e);
    }
    if (read == null || read.schemaVersion() != JsonInventoryWriter.SCHEMA_VERSION) {
      throw new InputException(
          source
              + ": a Portcullis JSON inventory of schemaVersion "
              + JsonInventoryWriter.SCHEMA_VERSION
              + " is expected");
    }
    if (read.image() == null || read.packages() == null) {
      throw new InputException(
          source + ": a Portcullis JSON inventory names its image and packages");
    }
    return new Inventory(
        read.image(),
        read.os(),
        read.layers() == null ? List.of() : read.layers(),
        read.packages(),
        read.warnings() == null ? List.of() : read.warnings(),
        List.of(),
        read.attribution() == null ? null : read.attribution().toAttribution());
  }
}
