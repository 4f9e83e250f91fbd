package dev.portcullis.registry;

import dev.portcullis.image.Json;
import dev.portcullis.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * GET /v2/REPO/manifests/REF: a manifest or index, with its media type and the registry's digest.
 */
final class ManifestPuller implements RegistryEndpoint<ManifestPuller.Pulled> {

  /**
   * The manifest bytes, their declared media type and the Docker-Content-Digest header, if sent.
   */
  record Pulled(byte[] bytes, String mediaType, String contentDigest) {}

  private final ImageReference image;
  private final String reference;
  private final long limit;
  private final boolean missingIsAnswer;

  ManifestPuller(ImageReference image, String reference, long limit) {
    this(image, reference, limit, false);
  }

  /**
   * @param missingIsAnswer whether a manifest the registry does not have is an answer (null), as
   *     when looking for a signature, rather than an error
   */
  ManifestPuller(ImageReference image, String reference, long limit, boolean missingIsAnswer) {
    this.image = image;
    this.reference = reference;
    this.limit = limit;
    this.missingIsAnswer = missingIsAnswer;
  }

  @Override
  public long expectedBytes() {
    return limit;
  }

  @Override
  public boolean absentIsAnswer() {
    return missingIsAnswer;
  }

  @Override
  public String action() {
    return "pull manifest " + reference + " of " + image.registry() + "/" + image.repository();
  }

  @Override
  public String route() {
    return image.repository() + "/manifests/" + reference;
  }

  @Override
  public List<String> accept() {
    return List.of(MediaTypes.ACCEPT_MANIFESTS);
  }

  @Override
  public Pulled handle(HttpResponse<InputStream> response) throws IOException {
    byte[] bytes = Json.readBounded(response.body(), limit, action());
    return new Pulled(
        bytes,
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Docker-Content-Digest").orElse(null));
  }
}
