package dev.portcullis.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.attribution.BaseImageAttributor;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.signing.VerificationKey;
import dev.portcullis.signing.oci.RegistrySignatures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** What the webhook asks registries: the digest a tag names now, and an image's signatures. */
final class RegistryLookups {

  private final Predicate<String> insecure;
  private final RegistryTimeouts timeouts;

  /**
   * @param insecure whether to talk plain HTTP to a registry (host[:port])
   */
  RegistryLookups(Predicate<String> insecure, RegistryTimeouts timeouts) {
    this.insecure = insecure;
    this.timeouts = timeouts;
  }

  /**
   * An image resolved in its registry.
   *
   * @param baseName the base image its manifest names, or null
   */
  record Resolved(ImageReference reference, Digest digest, String baseName) {

    /** The reference pinned to the digest, tag kept for the reader. */
    ImageReference pinned() {
      return new ImageReference(
          reference.registry(), reference.repository(), reference.tag(), digest);
    }
  }

  /**
   * The digest the reference names now, read from its manifest (or index).
   *
   * @return empty when the registry has no such manifest
   * @throws dev.portcullis.registry.RegistryUnavailableException when the registry is down
   * @throws InputException when it answers with something unusable
   */
  Optional<Resolved> resolve(ImageReference reference) throws IOException {
    RepositoryQueries queries = new RepositoryQueries(client(reference));
    Optional<RepositoryQueries.Manifest> manifest =
        queries.manifestIfPresent(reference.manifestReference());
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    Digest digest = manifest.get().digest();
    if (reference.digest() != null && !reference.digest().equals(digest)) {
      throw new InputException(
          reference + ": the registry's manifest has digest " + digest + ", not the one named");
    }
    return Optional.of(new Resolved(reference, digest, baseName(manifest.get().bytes())));
  }

  /**
   * Whether one signature on the image is valid by one of the keys.
   *
   * @return empty when one is; else why none is
   */
  Optional<String> unsigned(Resolved image, Map<String, VerificationKey> keys) throws IOException {
    RegistrySignatures signatures = new RegistrySignatures(client(image.reference()));
    StringBuilder why = new StringBuilder();
    for (Map.Entry<String, VerificationKey> key : keys.entrySet()) {
      List<RegistrySignatures.Checked> checked =
          signatures.verify(image.digest(), key.getValue(), Map.of());
      if (checked.stream().anyMatch(RegistrySignatures.Checked::passed)) {
        return Optional.empty();
      }
      if (checked.isEmpty()) {
        return Optional.of("no cosign signature");
      }
      why.append(why.length() == 0 ? "" : "; ")
          .append("none of its ")
          .append(checked.size())
          .append(" signatures is valid by ")
          .append(key.getKey())
          .append(" (")
          .append(checked.get(0).reason())
          .append(")");
    }
    return Optional.of(why.toString());
  }

  private RegistryClient client(ImageReference reference) throws IOException {
    return RegistryClient.forImage(reference, insecure.test(reference.registry()), null, timeouts);
  }

  private static String baseName(byte[] manifest) {
    try {
      JsonNode annotations = Json.mapper().readTree(manifest).path("annotations");
      JsonNode base = annotations.get(BaseImageAttributor.BASE_NAME);
      return base != null && base.isTextual() && !base.asText().isBlank() ? base.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
