package dev.portcullis.signing.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cosign's storage of signatures in a registry (its SIGNATURE_SPEC): an OCI image manifest tagged
 * {@code sha256-<hex>.sig} in the signed image's repository, one layer per signature, each layer's
 * blob the simple-signing payload and its {@code dev.cosignproject.cosign/signature} annotation the
 * base64 signature over that blob.
 */
public final class SignatureManifests {

  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private SignatureManifests() {}

  /** The tag cosign stores an image's signatures under. */
  public static String tagFor(Digest image) {
    return image.algorithm() + "-" + image.hex() + ".sig";
  }

  /** The signature layers of a signature manifest, in order. */
  public static List<SignatureLayer> layers(byte[] manifest, String where) throws InputException {
    JsonNode root = Json.tree(manifest, where);
    JsonNode layers = root.path("layers");
    if (!layers.isArray()) {
      throw new InputException(where + ": the signature manifest has no list of layers");
    }
    List<SignatureLayer> result = new ArrayList<>();
    for (JsonNode layer : layers) {
      Map<String, String> annotations = new LinkedHashMap<>();
      layer
          .path("annotations")
          .fields()
          .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
      Digest digest;
      try {
        digest = Digest.parse(layer.path("digest").asText());
      } catch (IllegalArgumentException e) {
        throw new InputException(where + ": a layer's digest is malformed: " + e.getMessage());
      }
      result.add(
          new SignatureLayer(
              layer.path("mediaType").asText(),
              digest,
              layer.path("size").asLong(-1),
              annotations.get(SIGNATURE_ANNOTATION),
              annotations));
    }
    return result;
  }

  /**
   * The config blob cosign writes for a signature manifest: no platform, zero times, one diff ID
   * per layer (the payloads are stored uncompressed).
   */
  public static byte[] config(List<SignatureLayer> layers) {
    ObjectMapper mapper = Json.mapper();
    ObjectNode config = mapper.createObjectNode();
    config.put("architecture", "");
    config.put("created", ZERO_TIME);
    ArrayNode history = config.putArray("history");
    layers.forEach(l -> history.addObject().put("created", ZERO_TIME));
    config.put("os", "");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.digest().toString()));
    config.putObject("config");
    return bytes(mapper, config);
  }

  /** The manifest naming the config and every signature layer. */
  public static byte[] manifest(List<SignatureLayer> layers, byte[] config) {
    ObjectMapper mapper = Json.mapper();
    ObjectNode manifest = mapper.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
    ObjectNode configDescriptor = manifest.putObject("config");
    configDescriptor.put("mediaType", CONFIG_MEDIA_TYPE);
    configDescriptor.put("size", config.length);
    configDescriptor.put("digest", Digest.sha256Of(config).toString());
    ArrayNode array = manifest.putArray("layers");
    for (SignatureLayer layer : layers) {
      ObjectNode descriptor = array.addObject();
      descriptor.put("mediaType", layer.mediaType());
      descriptor.put("size", layer.size());
      descriptor.put("digest", layer.digest().toString());
      ObjectNode annotations = descriptor.putObject("annotations");
      layer.annotations().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> annotations.put(e.getKey(), e.getValue()));
    }
    return bytes(mapper, manifest);
  }

  private static byte[] bytes(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree built here always serialises", e);
    }
  }
}
