package dev.portcullis.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /v2/REPO/tags/list: one page of a repository's tags, and the route of the next page from the
 * {@code Link: <…>; rel="next"} header, as the distribution spec paginates.
 */
final class TagPage implements RegistryEndpoint<TagPage.Page> {

  /** Tags one page may hold; Docker Hub answers up to 1,000 per page when asked (n=1000). */
  static final int PAGE_SIZE = 1000;

  private static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  /** The tags of one page and the route of the next one (null on the last page). */
  record Page(List<String> tags, String nextRoute) {}

  private final ImageReference image;
  private final String route;

  /**
   * @param route the path after /v2/, with query; null for the first page
   * @param pageSize tags asked for per page (the registry may answer fewer)
   */
  TagPage(ImageReference image, String route, int pageSize) {
    this.image = image;
    this.route = route != null ? route : image.repository() + "/tags/list?n=" + pageSize;
  }

  @Override
  public String action() {
    return "list tags of " + image.registry() + "/" + image.repository();
  }

  @Override
  public long expectedBytes() {
    return MAX_PAGE_BYTES;
  }

  @Override
  public String route() {
    return route;
  }

  @Override
  public List<String> accept() {
    return List.of("application/json");
  }

  @Override
  public Page handle(HttpResponse<InputStream> response) throws IOException {
    JsonNode json =
        Json.tree(Json.readBounded(response.body(), MAX_PAGE_BYTES, action()), action());
    JsonNode tags = json.path("tags");
    List<String> names = new ArrayList<>();
    if (!tags.isNull() && !tags.isMissingNode()) {
      if (!tags.isArray()) {
        throw new InputException(action() + ": the answer's 'tags' is not a list");
      }
      tags.forEach(t -> names.add(t.asText()));
    }
    String next = response.headers().firstValue("Link").map(TagPage::nextRoute).orElse(null);
    return new Page(names, next);
  }

  /** The route after /v2/ of the link marked next; the link may be a path or a full URL. */
  private static String nextRoute(String link) {
    Matcher match = NEXT.matcher(link);
    if (!match.find()) {
      return null;
    }
    URI uri = URI.create(match.group(1));
    String path = uri.getRawPath();
    if (path == null || !path.startsWith("/v2/")) {
      return null;
    }
    return path.substring("/v2/".length())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
