package dev.portcullis.registry;

import dev.portcullis.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * HEAD /v2/REPO/manifests/REF: the digest the registry says a tag names, without the manifest (and
 * without counting as a pull where registries such as Docker Hub limit pulls). Null when the
 * registry sends no digest.
 */
final class ManifestHead implements RegistryEndpoint<String> {

  private final ImageReference image;
  private final String reference;

  ManifestHead(ImageReference image, String reference) {
    this.image = image;
    this.reference = reference;
  }

  @Override
  public String action() {
    return "look up manifest " + reference + " of " + image.registry() + "/" + image.repository();
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
  public String method() {
    return "HEAD";
  }

  @Override
  public String handle(HttpResponse<InputStream> response) throws IOException {
    response.body().close();
    return response.headers().firstValue("Docker-Content-Digest").orElse(null);
  }
}
