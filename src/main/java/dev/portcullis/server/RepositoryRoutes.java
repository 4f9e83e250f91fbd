package dev.portcullis.server;

import dev.portcullis.image.Digest;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.ImageView;
import dev.portcullis.tracking.RepositoryQueries;
import dev.portcullis.tracking.RepositoryView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Reads: repositories, and their images. A repository's name holds slashes, so it is a query
 * parameter ({@code /api/v1/images?repository=NAME}), never a path segment.
 */
final class RepositoryRoutes {

  private final RepositoryQueries queries;
  private final boolean anonymousReads;

  RepositoryRoutes(RepositoryQueries queries, boolean anonymousReads) {
    this.queries = queries;
    this.anonymousReads = anonymousReads;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/repositories", this::repositories);
    routes.get("/api/v1/images", this::images);
    routes.get("/api/v1/images/{digest}", this::image);
  }

  private void repositories(Context ctx) {
    Requests.requireRead(ctx, anonymousReads);
    int limit = Requests.limit(ctx);
    List<RepositoryView> page = queries.repositories(Requests.after(ctx), limit);
    ctx.json(Requests.page("repositories", page, limit, RepositoryView::id));
  }

  private void images(Context ctx) {
    Requests.requireRead(ctx, anonymousReads);
    String text = Requests.parameter(ctx, "repository", 512);
    if (text == null) {
      throw ApiError.badRequest(
          "repository: the repository's name, such as registry.example/team/app");
    }
    String repository;
    try {
      repository = ImageName.repositoryNamed(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("repository: " + e.getMessage());
    }
    int limit = Requests.limit(ctx);
    List<ImageView> page =
        queries
            .images(repository, Requests.after(ctx), limit)
            .orElseThrow(() -> new ApiError(404, "no repository is named " + repository));
    ctx.json(Requests.page("images", page, limit, ImageView::id));
  }

  private void image(Context ctx) {
    Requests.requireRead(ctx, anonymousReads);
    String text = ctx.pathParam("digest");
    Digest digest;
    try {
      digest = Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("digest: " + e.getMessage());
    }
    List<ImageView> images = queries.image(digest.toString());
    if (images.isEmpty()) {
      throw new ApiError(404, "no repository holds " + digest);
    }
    ctx.json(Map.of("digest", digest.toString(), "images", images));
  }
}
