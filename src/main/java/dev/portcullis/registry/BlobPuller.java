package dev.portcullis.registry;

import dev.portcullis.image.Digest;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/** GET /v2/REPO/blobs/DIGEST: a config or layer blob, streamed; the caller verifies the digest. */
final class BlobPuller implements RegistryEndpoint<InputStream> {

  private final ImageReference image;
  private final Digest digest;
  private final long size;

  /**
   * @param size the blob's size as its manifest states it, or the most that will be read of it
   */
  BlobPuller(ImageReference image, Digest digest, long size) {
    this.image = image;
    this.digest = digest;
    this.size = size;
  }

  @Override
  public long expectedBytes() {
    return size;
  }

  @Override
  public String action() {
    return "pull blob " + digest + " of " + image.registry() + "/" + image.repository();
  }

  @Override
  public String route() {
    return image.repository() + "/blobs/" + digest;
  }

  @Override
  public List<String> accept() {
    return List.of();
  }

  @Override
  public InputStream handle(HttpResponse<InputStream> response) {
    return response.body();
  }
}
