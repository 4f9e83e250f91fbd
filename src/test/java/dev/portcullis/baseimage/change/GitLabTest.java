package dev.portcullis.baseimage.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.RecordingApi;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merge requests against a loopback server that records requests and answers as GitLab does. */
class GitLabTest {

  private static final String TOKEN = "glpat-s3cretT0ken";
  private static final ProposedChange CHANGE =
      new ProposedChange(
          "portcullis/base-image-update", "develop", "Update base images", "- `python:3.12`\n");
  private static final String ACTION =
      "open a GitLab merge request for group/sub/app from portcullis/base-image-update into"
          + " develop: ";

  private RecordingApi api;

  @BeforeEach
  void start() throws IOException {
    api = new RecordingApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private URI open() throws ForgeException {
    return new GitLab(api.base("/api/v4"), "group/sub/app", TOKEN).open(CHANGE);
  }

  @Test
  void postsTheDocumentedRequestToTheEncodedProjectPathAndReturnsTheAddress() throws IOException {
    api.answer(
        201,
        "{\"iid\": 12, \"web_url\": \"https://gitlab.com/group/sub/app/-/merge_requests/12\"}");

    URI url = open();

    assertThat(url).isEqualTo(URI.create("https://gitlab.com/group/sub/app/-/merge_requests/12"));
    assertThat(api.requests()).hasSize(1);
    RecordingApi.Recorded request = api.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/api/v4/projects/group%2Fsub%2Fapp/merge_requests");
    assertThat(request.headers())
        .containsEntry("private-token", TOKEN)
        .containsEntry("content-type", "application/json")
        .doesNotContainKey("authorization");
    assertThat(request.body())
        .isEqualTo(
            new ObjectMapper()
                .createObjectNode()
                .put("source_branch", "portcullis/base-image-update")
                .put("target_branch", "develop")
                .put("title", "Update base images")
                .put("description", "- `python:3.12`\n"));
  }

  @Test
  void numericProjectIdIsUsedAsItIs() throws IOException {
    api.answer(201, "{\"web_url\": \"https://gitlab.example.com/g/app/-/merge_requests/1\"}");

    new GitLab(api.base("/api/v4"), "4711", TOKEN).open(CHANGE);

    assertThat(api.requests().get(0).rawPath()).isEqualTo("/api/v4/projects/4711/merge_requests");
  }

  @Test
  void openMergeRequestForTheBranchIsReportedWithGitLabsMessage() {
    api.answer(
        409,
        "{\"message\":[\"Another open merge request already exists for this source branch: !12\"]}");

    assertThatThrownBy(this::open)
        .isInstanceOf(ForgeException.class)
        .hasMessage(
            ACTION
                + "one is already open for branch portcullis/base-image-update (409: Another open"
                + " merge request already exists for this source branch: !12)");
  }

  @Test
  void fieldErrorsAreNamedByTheirField() {
    api.answer(422, "{\"message\":{\"source_branch\":[\"is invalid\"]}}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the request was refused (422: source_branch is invalid); check that branch"
                + " portcullis/base-image-update has been pushed and differs from develop");
  }

  @Test
  void rejectedTokenIsReportedWithoutTheToken() {
    api.answer(401, "{\"message\":\"401 Unauthorized\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the token was rejected (401: 401 Unauthorized); check that it is valid and"
                + " unexpired")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void tokenWithTooNarrowAScopeIsToldWhatItNeeds() {
    api.answer(
        403,
        "{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher"
            + " privileges than provided by the access token.\",\"scope\":\"api\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the token lacks permission (403: insufficient_scope: The request requires"
                + " higher privileges than provided by the access token.); it needs the api scope"
                + " and at least the Developer role in the project");
  }

  @Test
  void unknownProjectIsReportedAsNotFoundOrInvisible() {
    api.answer(404, "{\"message\":\"404 Project Not Found\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "repository not found, or the token cannot see it (404: 404 Project Not Found);"
                + " check the repository, the API URL and the token's access");
  }

  @Test
  void rateLimitSaysWhenItResets() {
    api.answer(
        429,
        Map.of("RateLimit-Reset", "1700000060", "Retry-After", "60", "Content-Type", "text/plain"),
        "Retry later");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "rate limit reached (429: answer was text/plain, not JSON); it resets at"
                + " 2023-11-14T22:14:20Z");
  }

  @Test
  void rateLimitWithoutAnyHintSaysToTryLater() {
    api.answer(429, Map.of(), "");

    assertThatThrownBy(this::open).hasMessage(ACTION + "rate limit reached (429); try again later");
  }

  @Test
  void malformedProjectPathIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> new GitLab(api.base("/api/v4"), "app", TOKEN))
        .hasMessage("GitLab project 'app' is not a path of the form group/name or a numeric id");
    assertThatThrownBy(() -> new GitLab(api.base("/api/v4"), "group/../app?x", TOKEN))
        .isInstanceOf(ForgeException.class);
    assertThat(api.requests()).isEmpty();
  }
}
