package dev.portcullis.registry;

import dev.portcullis.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/** HEAD /v2/REPO/blobs/DIGEST: whether the repository already holds a blob. */
final class BlobCheck implements RegistryEndpoint<Boolean> {

  private final ImageReference image;
  private final Digest digest;

  BlobCheck(ImageReference image, Digest digest) {
    this.image = image;
    this.digest = digest;
  }

  @Override
  public String action() {
    return "look for blob " + digest + " in " + image.registry() + "/" + image.repository();
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
  public String method() {
    return "HEAD";
  }

  @Override
  public Boolean handle(HttpResponse<InputStream> response) throws IOException {
    response.body().close();
    return true;
  }

  @Override
  public boolean absentIsAnswer() {
    return true;
  }

  @Override
  public Boolean absent() {
    return false;
  }
}
