package dev.portcullis.signing.oci;

import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RepositoryPushes;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.signing.MalformedPayloadException;
import dev.portcullis.signing.SignatureVerdict;
import dev.portcullis.signing.SigningKey;
import dev.portcullis.signing.SimpleSigningPayload;
import dev.portcullis.signing.VerificationKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image's signatures in its own repository, as cosign reads and writes them: signing appends a
 * layer to the signature manifest (earlier signatures are kept), verifying checks every layer.
 */
public final class RegistrySignatures {

  /** Signature layers checked at most: each costs a download, and a hostile registry lists many. */
  static final int MAX_CHECKED = 256;

  private final ImageReference repository;
  private final RepositoryQueries queries;
  private final RepositoryPushes pushes;

  public RegistrySignatures(RegistryClient client) {
    this.repository = client.reference();
    this.queries = new RepositoryQueries(client);
    this.pushes = new RepositoryPushes(client);
  }

  /** What signing did. */
  public record Signed(
      Digest image, String tag, SimpleSigningPayload payload, int signatures, boolean added) {}

  /** One signature layer checked against a key and the image. */
  public record Checked(
      Digest layer,
      boolean passed,
      String reason,
      SimpleSigningPayload payload,
      String signature) {}

  /** The digest the image's tag (or digest) names now: what is signed and verified. */
  public Digest resolve() throws IOException {
    return queries.manifestDigest(repository.manifestReference());
  }

  /**
   * The name cosign writes as {@code docker-reference}: the repository without tag, Docker Hub as
   * {@code index.docker.io}.
   */
  public String dockerReference() {
    String registry =
        repository.registry().equals(ImageReference.DOCKER_HUB)
            ? "index.docker.io"
            : repository.registry();
    return registry + "/" + repository.repository();
  }

  /** Signs the image's digest and appends the signature to its signature manifest. */
  public Signed sign(Digest image, SigningKey key, Map<String, String> annotations)
      throws IOException {
    SimpleSigningPayload payload = SimpleSigningPayload.of(dockerReference(), image, annotations);
    byte[] bytes = payload.toJson();
    String tag = SignatureManifests.tagFor(image);
    List<SignatureLayer> layers = new ArrayList<>(existing(tag));
    SignatureLayer layer = SignatureLayer.of(bytes, key.sign(bytes));
    boolean present =
        layers.stream()
            .anyMatch(
                l ->
                    l.digest().equals(layer.digest())
                        && key.verificationKey()
                            .verify(bytes, l.signature() == null ? "" : l.signature())
                            .isValid());
    if (present) {
      return new Signed(image, tag, payload, layers.size(), false);
    }
    layers.add(layer);
    pushes.blob(bytes);
    byte[] config = SignatureManifests.config(layers);
    pushes.blob(config);
    pushes.manifest(
        tag, SignatureManifests.manifest(layers, config), SignatureManifests.MANIFEST_MEDIA_TYPE);
    return new Signed(image, tag, payload, layers.size(), true);
  }

  /**
   * Every signature layer of the image checked: signed by the key over its payload, the payload
   * naming this image's digest and carrying the required annotations.
   *
   * @return empty when the image has no signature manifest at all
   */
  public List<Checked> verify(Digest image, VerificationKey key, Map<String, String> required)
      throws IOException {
    List<Checked> checked = new ArrayList<>();
    List<SignatureLayer> layers = existing(SignatureManifests.tagFor(image));
    for (SignatureLayer layer : layers.subList(0, Math.min(layers.size(), MAX_CHECKED))) {
      checked.add(check(layer, image, key, required));
    }
    if (layers.size() > MAX_CHECKED) {
      SignatureLayer first = layers.get(MAX_CHECKED);
      checked.add(
          failed(
              first,
              (layers.size() - MAX_CHECKED)
                  + " more signature layers were not checked (at most "
                  + MAX_CHECKED
                  + " are)",
              null));
    }
    return checked;
  }

  private List<SignatureLayer> existing(String tag) throws IOException {
    Optional<RepositoryQueries.Manifest> manifest = queries.manifestIfPresent(tag);
    if (manifest.isEmpty()) {
      return List.of();
    }
    return SignatureManifests.layers(
        manifest.get().bytes(), repository.registry() + "/" + repository.repository() + ":" + tag);
  }

  private Checked check(
      SignatureLayer layer, Digest image, VerificationKey key, Map<String, String> required)
      throws IOException {
    if (!SignatureManifests.SIMPLE_SIGNING.equals(layer.mediaType())) {
      return failed(layer, "not a simple-signing layer (" + layer.mediaType() + ")", null);
    }
    if (layer.signature() == null) {
      return failed(
          layer,
          "the layer carries no " + SignatureManifests.SIGNATURE_ANNOTATION + " annotation",
          null);
    }
    byte[] bytes;
    try {
      bytes = queries.blob(layer.digest(), SimpleSigningPayload.MAX_BYTES);
    } catch (InputException e) {
      return failed(layer, "payload not readable: " + e.getMessage(), null);
    }
    SignatureVerdict verdict = key.verify(bytes, layer.signature());
    if (!verdict.isValid()) {
      return failed(layer, verdict.reason(), null);
    }
    SimpleSigningPayload payload;
    try {
      payload = SimpleSigningPayload.parse(bytes);
    } catch (MalformedPayloadException e) {
      return failed(layer, "signed, but the payload is malformed: " + e.getMessage(), null);
    }
    if (!payload.imageDigest().equals(image)) {
      return failed(layer, "signed, but for another image: " + payload.imageDigest(), payload);
    }
    for (Map.Entry<String, String> wanted : required.entrySet()) {
      String actual = payload.annotations().get(wanted.getKey());
      if (!wanted.getValue().equals(actual)) {
        return failed(
            layer,
            "annotation "
                + wanted.getKey()
                + (actual == null ? " is missing" : " is '" + actual + "'")
                + ", not '"
                + wanted.getValue()
                + "'",
            payload);
      }
    }
    return new Checked(
        layer.digest(),
        true,
        "valid signature by the key over this image's digest",
        payload,
        layer.signature());
  }

  private static Checked failed(SignatureLayer layer, String reason, SimpleSigningPayload payload) {
    return new Checked(layer.digest(), false, reason, payload, layer.signature());
  }
}
