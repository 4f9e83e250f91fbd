package dev.portcullis.feed;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one kind of push payload field by field, so that every error names the payload and the
 * field ({@code Harbor webhook: event_data.resources[2].digest: …}).
 */
final class PayloadReader {

  /** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])"
              + "(?::[0-9]{1,5})?");

  /** Strict where a lenient reader would let two readers of one payload disagree. */
  private static final ObjectReader READER =
      Json.mapper()
          .reader()
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final int MAX_QUOTED = 80;

  private final String what;

  PayloadReader(String what) {
    this.what = what;
  }

  /** The payload's top-level object, within the size bound. */
  JsonNode root(byte[] body) throws InputException {
    if (body.length > PushEvents.MAX_BODY_BYTES) {
      throw new InputException(
          what + ": larger than " + PushEvents.MAX_BODY_BYTES + " bytes; refusing to read it");
    }
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (JacksonException e) {
      throw new InputException(what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new InputException(what + ": unreadable (" + e.getMessage() + ")", e);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new InputException(what + ": expected a JSON object");
    }
    return root;
  }

  JsonNode object(JsonNode parent, String path, String name) throws InputException {
    JsonNode node = required(parent, path, name);
    if (!node.isObject()) {
      throw error(join(path, name), "expected an object, found " + kind(node));
    }
    return node;
  }

  /** A required array of at most {@link PushEvents#MAX_EVENTS} entries. */
  JsonNode array(JsonNode parent, String path, String name) throws InputException {
    JsonNode node = required(parent, path, name);
    if (!node.isArray()) {
      throw error(join(path, name), "expected an array, found " + kind(node));
    }
    if (node.size() > PushEvents.MAX_EVENTS) {
      throw error(
          join(path, name),
          node.size() + " entries, more than the " + PushEvents.MAX_EVENTS + " accepted at once");
    }
    return node;
  }

  String text(JsonNode parent, String path, String name) throws InputException {
    String value = optionalText(parent, path, name);
    if (value == null) {
      throw error(join(path, name), "missing");
    }
    return value;
  }

  /** A string, or null when absent, null or empty. */
  String optionalText(JsonNode parent, String path, String name) throws InputException {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw error(join(path, name), "expected a string, found " + kind(node));
    }
    return node.textValue().isEmpty() ? null : node.textValue();
  }

  Digest digest(JsonNode parent, String path, String name) throws InputException {
    String value = text(parent, path, name);
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw error(join(path, name), "not a valid digest " + quote(value));
    }
  }

  String repository(JsonNode parent, String path, String name) throws InputException {
    String value = text(parent, path, name);
    if (!ImageReference.isRepositoryName(value)) {
      throw error(join(path, name), "not a valid repository name " + quote(value));
    }
    return value;
  }

  /** A tag, or null when absent. */
  String tag(JsonNode parent, String path, String name) throws InputException {
    String value = optionalText(parent, path, name);
    if (value != null && !ImageReference.isTag(value)) {
      throw error(join(path, name), "not a valid tag " + quote(value));
    }
    return value;
  }

  /** A registry host with its port, lower-cased: host names are not case-sensitive. */
  String host(String value, String field) throws InputException {
    if (value == null || !HOST.matcher(value).matches()) {
      throw error(field, "not a registry host " + quote(value));
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** The host and port of an absolute http(s) URL. */
  String hostOfUrl(String url, String field) throws InputException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw error(field, "not a URL " + quote(url));
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getRawUserInfo() != null) {
      throw error(field, "not an http(s) URL without credentials " + quote(url));
    }
    return host(uri.getRawAuthority(), field);
  }

  InputException error(String field, String problem) {
    return new InputException(what + ": " + field + ": " + problem);
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A value from the payload, shortened and stripped of control characters for a log line. */
  static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }

  private JsonNode required(JsonNode parent, String path, String name) throws InputException {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw error(join(path, name), "missing");
    }
    return node;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
