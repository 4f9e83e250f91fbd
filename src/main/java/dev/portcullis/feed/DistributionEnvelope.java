package dev.portcullis.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.image.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The notification envelope of the CNCF distribution registry, {@code {"events":[…]}}, as its
 * documentation describes it (distribution.github.io/distribution/about/notifications): each event
 * has an {@code action}, a {@code target} descriptor with {@code repository}, {@code url} and
 * {@code tag}, and the {@code request} that caused it. A push sends one event per blob as well as
 * one for the manifest; only the manifest's is kept.
 */
final class DistributionEnvelope {

  private static final Set<String> MANIFESTS =
      Set.of(
          MediaTypes.OCI_MANIFEST,
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST,
          MediaTypes.DOCKER_MANIFEST_LIST);

  private DistributionEnvelope() {}

  static List<PushedImage> pushes(byte[] body) throws InputException {
    PayloadReader reader = new PayloadReader("distribution notification");
    JsonNode events = reader.array(reader.root(body), "", "events");
    List<PushedImage> pushes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String path = "events[" + i + "]";
      JsonNode event = events.get(i);
      if (!event.isObject()) {
        throw reader.error(path, "expected an object");
      }
      if (!"push".equals(reader.text(event, path, "action"))) {
        continue;
      }
      JsonNode target = reader.object(event, path, "target");
      String targetPath = path + ".target";
      String mediaType = reader.optionalText(target, targetPath, "mediaType");
      if (!MANIFESTS.contains(mediaType)) {
        continue;
      }
      Digest digest = reader.digest(target, targetPath, "digest");
      String repository = reader.repository(target, targetPath, "repository");
      String tag = reader.tag(target, targetPath, "tag");
      pushes.add(
          new PushedImage(registry(reader, event, path), repository, digest, tag, mediaType));
    }
    return pushes;
  }

  /**
   * The registry's host as the target's URL names it (distribution builds it from its configured
   * {@code http.host}, else from the request), else the request's Host header.
   */
  private static String registry(PayloadReader reader, JsonNode event, String path)
      throws InputException {
    String url = reader.optionalText(event.get("target"), path + ".target", "url");
    if (url != null) {
      return reader.hostOfUrl(url, path + ".target.url");
    }
    JsonNode request = event.get("request");
    String host =
        request != null && request.isObject()
            ? reader.optionalText(request, path + ".request", "host")
            : null;
    if (host == null) {
      throw reader.error(path, "neither target.url nor request.host names the registry");
    }
    return reader.host(host, path + ".request.host");
  }
}
