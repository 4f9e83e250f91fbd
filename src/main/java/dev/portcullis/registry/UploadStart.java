package dev.portcullis.registry;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/** POST /v2/REPO/blobs/uploads/: opens an upload session; answers the session's location. */
final class UploadStart implements RegistryEndpoint<String> {

  private final ImageReference image;

  UploadStart(ImageReference image) {
    this.image = image;
  }

  @Override
  public String action() {
    return "start a blob upload to " + image.registry() + "/" + image.repository();
  }

  @Override
  public String route() {
    return image.repository() + "/blobs/uploads/";
  }

  @Override
  public List<String> accept() {
    return List.of();
  }

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public byte[] body() {
    return new byte[0];
  }

  @Override
  public String handle(HttpResponse<InputStream> response) throws IOException {
    response.body().close();
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(() -> new InputException(action() + ": the answer names no upload location"));
  }
}
