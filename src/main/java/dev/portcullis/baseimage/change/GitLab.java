package dev.portcullis.baseimage.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.image.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Opens merge requests through the REST API (v4) of gitlab.com or a self-managed GitLab. */
public final class GitLab implements Forge {

  /** The API of gitlab.com; a self-managed GitLab has its own at https://HOST/api/v4. */
  public static final URI PUBLIC_API = URI.create("https://gitlab.com/api/v4");

  private final String api;
  private final String project;
  private final String token;
  private final ForgeCall call;

  /**
   * @param project the project's full path, {@code group/subgroup/name}, or its numeric id
   * @param token a personal, group or project access token with the api scope
   */
  public GitLab(URI api, String project, String token) throws ForgeException {
    this.api = ApiAccess.base(api);
    this.project = checkProject(project);
    this.token = ApiAccess.token(token, "GitLab");
    this.call = new ForgeCall(this.token);
  }

  private static String checkProject(String project) throws ForgeException {
    if (project == null
        || !(project.matches("\\d+") || project.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+"))) {
      throw new ForgeException(
          "GitLab project '" + project + "' is not a path of the form group/name or a numeric id");
    }
    return project;
  }

  @Override
  public URI open(ProposedChange change) throws ForgeException {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("source_branch", change.sourceBranch());
    body.put("target_branch", change.targetBranch());
    body.put("title", change.title());
    body.put("description", change.body());
    // GitLab names a project in a route by its whole path with each '/' encoded as %2F.
    String id = URLEncoder.encode(project, StandardCharsets.UTF_8);
    return call.post(
        new ForgeRequest(
            "open a GitLab merge request for "
                + project
                + " from "
                + change.sourceBranch()
                + " into "
                + change.targetBranch(),
            URI.create(api + "/projects/" + id + "/merge_requests"),
            Map.of("PRIVATE-TOKEN", token, "Accept", "application/json"),
            body,
            "web_url",
            "the api scope and at least the Developer role in the project",
            change));
  }

  @Override
  public String toString() {
    return "GitLab " + project + " at " + api;
  }
}
