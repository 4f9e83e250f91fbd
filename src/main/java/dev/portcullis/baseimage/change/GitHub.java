package dev.portcullis.baseimage.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.image.Json;
import java.net.URI;
import java.util.Map;

/** Opens pull requests through the REST API of github.com or a GitHub Enterprise Server. */
public final class GitHub implements Forge {

  /** The API of github.com; a GitHub Enterprise Server has its own at https://HOST/api/v3. */
  public static final URI PUBLIC_API = URI.create("https://api.github.com");

  private final String api;
  private final String repository;
  private final String token;
  private final ForgeCall call;

  /**
   * @param repository {@code owner/name}
   * @param token a personal access, fine-grained or app token that may create pull requests
   */
  public GitHub(URI api, String repository, String token) throws ForgeException {
    this.api = ApiAccess.base(api);
    this.repository = checkRepository(repository);
    this.token = ApiAccess.token(token, "GitHub");
    this.call = new ForgeCall(this.token);
  }

  private static String checkRepository(String repository) throws ForgeException {
    if (repository == null || !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw new ForgeException(
          "GitHub repository '" + repository + "' is not of the form owner/name");
    }
    return repository;
  }

  @Override
  public URI open(ProposedChange change) throws ForgeException {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("title", change.title());
    body.put("head", change.sourceBranch());
    body.put("base", change.targetBranch());
    body.put("body", change.body());
    return call.post(
        new ForgeRequest(
            "open a GitHub pull request for "
                + repository
                + " from "
                + change.sourceBranch()
                + " into "
                + change.targetBranch(),
            URI.create(api + "/repos/" + repository + "/pulls"),
            Map.of(
                "Authorization", "Bearer " + token,
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28"),
            body,
            "html_url",
            "the repo scope, or Pull requests: write for a fine-grained token",
            change));
  }

  @Override
  public String toString() {
    return "GitHub " + repository + " at " + api;
  }
}
