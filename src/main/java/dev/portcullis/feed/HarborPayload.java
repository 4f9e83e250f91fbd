package dev.portcullis.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Harbor's webhook payload in its two formats, as Harbor's "Configure Webhook Notifications" page
 * shows them (goharbor.io/docs/main/working-with-projects/project-configuration/configure-webhooks,
 * quoted in goharbor/community proposals/new/cdevents-support.md):
 *
 * <ul>
 *   <li>Default: {@code {"type":"PUSH_ARTIFACT","occur_at":…,"operator":…,"event_data":
 *       {"resources":[{"digest","tag","resource_url"}],"repository":{"repo_full_name",…}}}}
 *   <li>CloudEvents (Harbor 2.8 and later), structured mode: {@code {"specversion":"1.0","id",
 *       "source","type":"harbor.artifact.pushed","datacontenttype":"application/json","time",
 *       "data":{"resources":[…],"repository":{…}},"operator"}}; {@code data} carries what {@code
 *       event_data} carries in the default format.
 * </ul>
 *
 * Harbor names no registry host on its own; it is the host of each resource's {@code resource_url}
 * ({@code harbor.example/library/app:1}, or {@code …/app@sha256:…} for a push by digest).
 */
final class HarborPayload {

  private static final String DEFAULT_PUSH = "PUSH_ARTIFACT";
  private static final String CLOUD_EVENT_PUSH = "harbor.artifact.pushed";

  private HarborPayload() {}

  static List<PushedImage> pushes(byte[] body) throws InputException {
    PayloadReader reader = new PayloadReader("Harbor webhook");
    JsonNode root = reader.root(body);
    boolean cloudEvent = root.has("specversion");
    String type = reader.text(root, "", "type");
    if (!type.equals(cloudEvent ? CLOUD_EVENT_PUSH : DEFAULT_PUSH)) {
      return List.of();
    }
    String dataField = cloudEvent ? "data" : "event_data";
    JsonNode data = reader.object(root, "", dataField);
    String repository =
        reader.repository(
            reader.object(data, dataField, "repository"),
            dataField + ".repository",
            "repo_full_name");
    JsonNode resources = reader.array(data, dataField, "resources");
    List<PushedImage> pushes = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      String path = dataField + ".resources[" + i + "]";
      JsonNode resource = resources.get(i);
      if (!resource.isObject()) {
        throw reader.error(path, "expected an object");
      }
      Digest digest = reader.digest(resource, path, "digest");
      String registry = registry(reader, resource, path, repository);
      pushes.add(new PushedImage(registry, repository, digest, tag(reader, resource, path), null));
    }
    return pushes;
  }

  /** Harbor fills {@code tag} with the digest when an artifact is pushed by digest: no tag. */
  private static String tag(PayloadReader reader, JsonNode resource, String path)
      throws InputException {
    String text = reader.optionalText(resource, path, "tag");
    if (text != null && text.contains(":")) {
      reader.digest(resource, path, "tag");
      return null;
    }
    return reader.tag(resource, path, "tag");
  }

  private static String registry(
      PayloadReader reader, JsonNode resource, String path, String repository)
      throws InputException {
    String field = path + ".resource_url";
    String url = reader.text(resource, path, "resource_url");
    int slash = url.indexOf('/');
    String host = reader.host(slash < 0 ? null : url.substring(0, slash), field);
    String rest = url.substring(slash + 1);
    boolean sameRepository =
        rest.equals(repository)
            || rest.startsWith(repository + ":")
            || rest.startsWith(repository + "@");
    if (!sameRepository) {
      throw reader.error(
          field,
          PayloadReader.quote(url) + " is not in repository " + PayloadReader.quote(repository));
    }
    return host;
  }
}
