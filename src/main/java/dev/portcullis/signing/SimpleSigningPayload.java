package dev.portcullis.signing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The payload cosign signs for an image (SIGNATURE_SPEC, "Simple Signing"): the repository, the
 * manifest digest and the type {@value #TYPE} under {@code critical}, and free-form claims under
 * {@code optional}. String claims are {@code annotations} (what {@code cosign sign -a key=value}
 * writes); claims of other JSON types, which other signers may add, are kept in {@code otherClaims}
 * as compact JSON so that a reader sees them without mistaking them for strings.
 */
public record SimpleSigningPayload(
    String dockerReference,
    Digest imageDigest,
    SortedMap<String, String> annotations,
    SortedMap<String, String> otherClaims) {

  /** The {@code critical.type} of cosign signatures. */
  public static final String TYPE = "cosign container image signature";

  /** A payload is a few hundred bytes; one past this is refused before parsing. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  public SimpleSigningPayload {
    requireReference(dockerReference);
    if (imageDigest == null) {
      throw new IllegalArgumentException("a signature payload needs the image digest");
    }
    annotations = sortedCopy(annotations, "annotation");
    otherClaims = canonicalClaims(otherClaims, annotations);
  }

  /** The payload {@code portcullis sign} builds: string annotations only. */
  public static SimpleSigningPayload of(
      String dockerReference, Digest imageDigest, Map<String, String> annotations) {
    return new SimpleSigningPayload(
        dockerReference, imageDigest, sortedCopy(annotations, "annotation"), new TreeMap<>());
  }

  /**
   * The bytes to sign and to push as the layer blob, exactly as cosign's Go code marshals the same
   * payload (so {@code "optional":null} when there are no claims).
   */
  public byte[] toJson() {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"critical\":{\"identity\":{\"docker-reference\":");
    GoJson.string(out, dockerReference);
    out.append("},\"image\":{\"docker-manifest-digest\":");
    GoJson.string(out, imageDigest.toString());
    out.append("},\"type\":");
    GoJson.string(out, TYPE);
    out.append("},\"optional\":");
    appendOptional(out);
    out.append('}');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a payload blob strictly: only {@code critical} and {@code optional} at the top, exactly
   * the three cosign fields under {@code critical}, the cosign type, a well-formed lower-case
   * digest, no duplicate keys, nothing after the document.
   */
  public static SimpleSigningPayload parse(byte[] json) throws MalformedPayloadException {
    if (json.length > MAX_BYTES) {
      throw new MalformedPayloadException(
          "signature payload: "
              + json.length
              + " bytes, larger than the "
              + MAX_BYTES
              + " allowed");
    }
    JsonNode root = readTree(json);
    requireObject(root, "the payload", Set.of("critical"), Set.of("critical", "optional"));
    JsonNode critical = root.get("critical");
    Set<String> criticalFields = Set.of("identity", "image", "type");
    requireObject(critical, "critical", criticalFields, criticalFields);
    String type = requireString(critical.get("type"), "critical.type");
    if (!type.equals(TYPE)) {
      throw new MalformedPayloadException(
          "signature payload: critical.type is \"" + type + "\", not \"" + TYPE + "\"");
    }
    Set<String> identityFields = Set.of("docker-reference");
    JsonNode identity = critical.get("identity");
    requireObject(identity, "critical.identity", identityFields, identityFields);
    Set<String> imageFields = Set.of("docker-manifest-digest");
    JsonNode image = critical.get("image");
    requireObject(image, "critical.image", imageFields, imageFields);

    String reference =
        requireString(identity.get("docker-reference"), "critical.identity.docker-reference");
    Digest digest =
        requireDigest(
            requireString(
                image.get("docker-manifest-digest"), "critical.image.docker-manifest-digest"));
    SortedMap<String, String> annotations = new TreeMap<>(GoJson.KEY_ORDER);
    SortedMap<String, String> otherClaims = new TreeMap<>(GoJson.KEY_ORDER);
    JsonNode optional = root.get("optional");
    if (optional != null && !optional.isNull()) {
      if (!optional.isObject()) {
        throw new MalformedPayloadException(
            "signature payload: optional is neither an object nor null");
      }
      optional
          .properties()
          .forEach(
              claim -> {
                if (claim.getValue().isTextual()) {
                  annotations.put(claim.getKey(), claim.getValue().textValue());
                } else {
                  otherClaims.put(claim.getKey(), compact(claim.getValue()));
                }
              });
    }
    try {
      return new SimpleSigningPayload(reference, digest, annotations, otherClaims);
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("signature payload: " + e.getMessage(), e);
    }
  }

  private void appendOptional(StringBuilder out) {
    if (annotations.isEmpty() && otherClaims.isEmpty()) {
      out.append("null");
      return;
    }
    SortedMap<String, Object> claims = new TreeMap<>(GoJson.KEY_ORDER);
    claims.putAll(annotations);
    claims.putAll(otherClaims);
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> claim : claims.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      GoJson.string(out, claim.getKey());
      out.append(':');
      if (annotations.containsKey(claim.getKey())) {
        GoJson.string(out, (String) claim.getValue());
      } else {
        out.append((String) claim.getValue()); // already canonical JSON
      }
    }
    out.append('}');
  }

  private static JsonNode readTree(byte[] json) throws MalformedPayloadException {
    try {
      JsonNode root = STRICT_JSON.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new MalformedPayloadException("signature payload: empty");
      }
      return root;
    } catch (JacksonException e) {
      throw new MalformedPayloadException(
          "signature payload: not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new MalformedPayloadException("signature payload: unreadable (" + e + ")", e);
    }
  }

  private static void requireObject(
      JsonNode node, String where, Set<String> required, Set<String> allowed)
      throws MalformedPayloadException {
    if (node == null || !node.isObject()) {
      throw new MalformedPayloadException("signature payload: " + where + " is not an object");
    }
    for (String field : required) {
      if (!node.has(field)) {
        throw new MalformedPayloadException(
            "signature payload: " + where + " lacks \"" + field + "\"");
      }
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new MalformedPayloadException(
            "signature payload: " + where + " has the unknown field \"" + name + "\"");
      }
    }
  }

  private static String requireString(JsonNode node, String where)
      throws MalformedPayloadException {
    if (node == null || !node.isTextual()) {
      throw new MalformedPayloadException("signature payload: " + where + " is not a string");
    }
    return node.textValue();
  }

  private static Digest requireDigest(String text) throws MalformedPayloadException {
    try {
      Digest digest = Digest.parse(text);
      if (digest.toString().equals(text)) {
        return digest;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the rule
    }
    throw new MalformedPayloadException(
        "signature payload: critical.image.docker-manifest-digest \""
            + text
            + "\" is not a digest such as sha256:<64 lower-case hex digits>");
  }

  private static void requireReference(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw new IllegalArgumentException("the docker-reference is empty");
    }
    if (reference.length() > 4096
        || reference.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '@')) {
      throw new IllegalArgumentException(
          "the docker-reference \""
              + reference
              + "\" is not a repository name (whitespace, control characters or '@')");
    }
  }

  private static SortedMap<String, String> sortedCopy(Map<String, String> claims, String what) {
    SortedMap<String, String> sorted = new TreeMap<>(GoJson.KEY_ORDER);
    if (claims != null) {
      claims.forEach(
          (key, value) -> {
            if (key == null || value == null) {
              throw new IllegalArgumentException("an " + what + " has a null key or value");
            }
            sorted.put(key, value);
          });
    }
    return Collections.unmodifiableSortedMap(sorted);
  }

  private static SortedMap<String, String> canonicalClaims(
      Map<String, String> claims, Map<String, String> annotations) {
    SortedMap<String, String> canonical = new TreeMap<>(GoJson.KEY_ORDER);
    sortedCopy(claims, "optional claim")
        .forEach(
            (key, json) -> {
              if (annotations.containsKey(key)) {
                throw new IllegalArgumentException(
                    "the claim \"" + key + "\" is both an annotation and another claim");
              }
              JsonNode value;
              try {
                value = STRICT_JSON.readTree(json);
              } catch (IOException e) {
                throw new IllegalArgumentException(
                    "the claim \"" + key + "\" is not JSON: " + json, e);
              }
              if (value == null || value.isMissingNode() || value.isTextual()) {
                throw new IllegalArgumentException(
                    "the claim \"" + key + "\" must be a non-string JSON value: " + json);
              }
              canonical.put(key, compact(value));
            });
    return Collections.unmodifiableSortedMap(canonical);
  }

  private static String compact(JsonNode value) {
    StringBuilder out = new StringBuilder();
    GoJson.value(out, value);
    return out.toString();
  }
}
