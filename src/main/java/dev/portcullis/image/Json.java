package dev.portcullis.image;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the small JSON documents of image formats (manifests, indexes, configs) within a size
 * bound.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxStringLength(8_000_000)
                .build());
  }

  private Json() {}

  /** The shared, configured mapper; configuration never changes after class initialisation. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads at most {@code limit} bytes; a larger document is an {@link InputException}. */
  public static byte[] readBounded(InputStream in, long limit, String what) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw new InputException(
            what + ": larger than " + limit + " bytes, the limit for metadata");
      }
      return bytes;
    }
  }

  public static <T> T parse(byte[] bytes, Class<T> type, String what) throws InputException {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new InputException(what + ": empty JSON document");
      }
      return value;
    } catch (JacksonException e) {
      throw new InputException(what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new InputException(what + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  public static JsonNode tree(byte[] bytes, String what) throws InputException {
    return parse(bytes, JsonNode.class, what);
  }
}
