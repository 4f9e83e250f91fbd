package dev.portcullis.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/** PUT /v2/REPO/manifests/REF: stores a manifest under a tag or its digest. */
final class ManifestPush implements RegistryEndpoint<Void> {

  private final ImageReference image;
  private final String reference;
  private final byte[] manifest;
  private final String mediaType;

  ManifestPush(ImageReference image, String reference, byte[] manifest, String mediaType) {
    this.image = image;
    this.reference = reference;
    this.manifest = manifest;
    this.mediaType = mediaType;
  }

  @Override
  public long expectedBytes() {
    return manifest.length;
  }

  @Override
  public String action() {
    return "push manifest " + reference + " to " + image.registry() + "/" + image.repository();
  }

  @Override
  public String route() {
    return image.repository() + "/manifests/" + reference;
  }

  @Override
  public List<String> accept() {
    return List.of();
  }

  @Override
  public String method() {
    return "PUT";
  }

  @Override
  public byte[] body() {
    return manifest;
  }

  @Override
  public String contentType() {
    return mediaType;
  }

  @Override
  public Void handle(HttpResponse<InputStream> response) throws IOException {
    response.body().close();
    return null;
  }
}
