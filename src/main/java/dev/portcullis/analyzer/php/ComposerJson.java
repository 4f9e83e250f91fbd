package dev.portcullis.analyzer.php;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Composer's package lists, read one package at a time (a lockfile of a large application is
 * megabytes of descriptions and autoload maps; only names, versions, licences and authors are
 * kept).
 */
final class ComposerJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ComposerJson() {}

  /** The file is JSON, but not shaped as Composer writes it. */
  static final class ShapeException extends Exception {
    ShapeException(String message) {
      super(message);
    }
  }

  /** The packages of one list, and how many entries named no package. */
  record Entries(List<Package> packages, int unnamed) {}

  static JsonParser open(InputStream in) throws IOException {
    return MAPPER.createParser(in);
  }

  /** The first token of the file; an empty file is no package list. */
  static JsonToken start(JsonParser parser) throws IOException, ShapeException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new ShapeException("the file is empty");
    }
    return token;
  }

  /** Reads the array the parser stands at: one package per element. */
  static Entries packages(JsonParser parser, String what, String path)
      throws IOException, ShapeException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return new Entries(List.of(), 0);
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new ShapeException(what + " is not an array");
    }
    List<Package> packages = new ArrayList<>();
    int unnamed = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new ShapeException(what + " ends before its array closes");
      }
      Package pkg = toPackage(parser.readValueAsTree(), path);
      if (pkg == null) {
        unnamed++;
      } else {
        packages.add(pkg);
      }
    }
    return new Entries(packages, unnamed);
  }

  /** Names from an array of strings ("dev-package-names"); other elements are passed over. */
  static List<String> names(JsonParser parser) throws IOException {
    JsonNode node = parser.readValueAsTree();
    List<String> names = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(
          n -> {
            if (n.isTextual()) {
              names.add(n.asText());
            }
          });
    }
    return names;
  }

  private static Package toPackage(JsonNode entry, String path) {
    if (entry == null || !entry.path("name").isTextual() || !entry.path("version").isTextual()) {
      return null;
    }
    String name = entry.get("name").asText().strip();
    String version = entry.get("version").asText().strip();
    if (name.isEmpty() || version.isEmpty()) {
      return null;
    }
    return Package.library("composer", name, version, path)
        .withAuthorship(authors(entry.path("authors")), licence(entry.path("license")));
  }

  /** Composer's licence is a string or, for a package under several licences, an array. */
  private static String licence(JsonNode license) {
    if (license.isTextual() && !license.asText().isBlank()) {
      return license.asText().strip();
    }
    List<String> licences = textual(license, null);
    // An array means the user may choose: https://getcomposer.org/doc/04-schema.md#license
    return licences.isEmpty() ? null : String.join(" OR ", licences);
  }

  private static String authors(JsonNode authors) {
    List<String> names = textual(authors, "name");
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static List<String> textual(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    if (array.isArray()) {
      for (JsonNode element : array) {
        JsonNode value = field == null ? element : element.path(field);
        if (value.isTextual() && !value.asText().isBlank()) {
          values.add(value.asText().strip());
        }
      }
    }
    return values;
  }
}
