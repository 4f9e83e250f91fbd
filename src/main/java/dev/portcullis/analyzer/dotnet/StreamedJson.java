package dev.portcullis.analyzer.dotnet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON files read member by member, so that only one entry at a time is held as a tree; a file's
 * wrong shape is a {@link ShapeException}, its broken syntax Jackson's own exception.
 */
final class StreamedJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StreamedJson() {}

  /** What to do with one member of an object; must consume the member's value. */
  interface MemberReader {
    void read(String name, JsonParser parser) throws IOException, ShapeException;
  }

  /** The file is JSON, but not the JSON this analyzer reads. */
  static final class ShapeException extends Exception {
    ShapeException(String message) {
      super(message);
    }
  }

  static JsonParser open(InputStream in) throws IOException {
    return MAPPER.createParser(in);
  }

  /** Moves to the top-level object, or says what is there instead. */
  static void startObject(JsonParser parser) throws IOException, ShapeException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new ShapeException("the file is empty");
    }
    if (token != JsonToken.START_OBJECT) {
      throw new ShapeException("the top level is not an object");
    }
  }

  /** Reads the members of the object the parser stands at the start of. */
  static void members(JsonParser parser, String what, MemberReader reader)
      throws IOException, ShapeException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new ShapeException(what + " is not an object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      reader.read(name, parser);
    }
  }

  /** The current value as a tree: for one small entry of a large file. */
  static JsonNode tree(JsonParser parser) throws IOException {
    return parser.readValueAsTree();
  }

  static void skip(JsonParser parser) throws IOException {
    parser.skipChildren();
  }

  /** A name from the file, cut short enough for a warning. */
  static String excerpt(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
