package dev.portcullis.registry;

import dev.portcullis.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/** PUT LOCATION?digest=…: completes an upload session with the whole blob (monolithic upload). */
final class UploadFinish implements RegistryEndpoint<Void> {

  private final ImageReference image;
  private final String location;
  private final Digest digest;
  private final byte[] content;

  UploadFinish(ImageReference image, String location, Digest digest, byte[] content) {
    this.image = image;
    this.location = location;
    this.digest = digest;
    this.content = content;
  }

  @Override
  public String action() {
    return "upload blob " + digest + " to " + image.registry() + "/" + image.repository();
  }

  @Override
  public long expectedBytes() {
    return content.length;
  }

  @Override
  public String route() {
    return location;
  }

  /** The session's location, relative to the registry or absolute, with the digest added. */
  @Override
  public URI target(URI v2) {
    URI session = v2.resolve(location);
    String separator = session.getRawQuery() == null ? "?" : "&";
    return URI.create(session + separator + "digest=" + digest);
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
    return content;
  }

  @Override
  public Void handle(HttpResponse<InputStream> response) throws IOException {
    response.body().close();
    return null;
  }
}
