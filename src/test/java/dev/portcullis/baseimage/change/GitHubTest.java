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

/** Pull requests against a loopback server that records requests and answers as GitHub does. */
class GitHubTest {

  private static final String TOKEN = "ghp_s3cretT0ken";
  private static final ProposedChange CHANGE =
      new ProposedChange(
          "portcullis/base-image-update",
          "main",
          "Update base image python:3.11 → python:3.12",
          "| Dockerfile | old | new |\n|---|---|---|\n| Dockerfile | python:3.11 | python:3.12 |\n");
  private static final String ACTION =
      "open a GitHub pull request for org/app from portcullis/base-image-update into main: ";

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
    return new GitHub(api.base(""), "org/app", TOKEN).open(CHANGE);
  }

  @Test
  void postsTheDocumentedRequestAndReturnsThePullRequestsAddress() throws IOException {
    api.answer(201, "{\"number\": 7, \"html_url\": \"https://github.com/org/app/pull/7\"}");

    URI url = open();

    assertThat(url).isEqualTo(URI.create("https://github.com/org/app/pull/7"));
    assertThat(api.requests()).hasSize(1);
    RecordingApi.Recorded request = api.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/repos/org/app/pulls");
    assertThat(request.headers())
        .containsEntry("authorization", "Bearer " + TOKEN)
        .containsEntry("accept", "application/vnd.github+json")
        .containsEntry("x-github-api-version", "2022-11-28")
        .containsEntry("content-type", "application/json")
        .containsEntry("user-agent", "Portcullis");
    assertThat(request.body())
        .isEqualTo(
            new ObjectMapper()
                .createObjectNode()
                .put("title", "Update base image python:3.11 → python:3.12")
                .put("head", "portcullis/base-image-update")
                .put("base", "main")
                .put("body", CHANGE.body()));
  }

  @Test
  void enterpriseServerIsReachedUnderItsApiPath() throws IOException {
    api.answer(201, "{\"html_url\": \"https://ghe.example.com/org/app/pull/1\"}");

    new GitHub(api.base("/api/v3/"), "org/app", TOKEN).open(CHANGE);

    assertThat(api.requests().get(0).rawPath()).isEqualTo("/api/v3/repos/org/app/pulls");
  }

  @Test
  void existingPullRequestForTheBranchIsReportedWithGitHubsMessage() {
    api.answer(
        422,
        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\",\"code\":"
            + "\"custom\",\"message\":\"A pull request already exists for org:portcullis/base-image-update.\"}],"
            + "\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\"}");

    assertThatThrownBy(this::open)
        .isInstanceOf(ForgeException.class)
        .hasMessage(
            ACTION
                + "one is already open for branch portcullis/base-image-update (422: Validation"
                + " Failed: A pull request already exists for org:portcullis/base-image-update.)");
  }

  @Test
  void branchThatWasNotPushedIsExplainedFromTheValidationError() {
    api.answer(
        422,
        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
            + "\"field\":\"head\",\"code\":\"invalid\"}]}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the request was refused (422: Validation Failed: head invalid); check that"
                + " branch portcullis/base-image-update has been pushed and differs from main");
  }

  @Test
  void rejectedTokenIsReportedWithoutTheToken() {
    api.answer(401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the token was rejected (401: Bad credentials); check that it is valid and"
                + " unexpired")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void tokenWithoutPermissionIsToldWhatItNeeds() {
    api.answer(403, "{\"message\":\"Resource not accessible by personal access token\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the token lacks permission (403: Resource not accessible by personal access"
                + " token); it needs the repo scope, or Pull requests: write for a fine-grained"
                + " token");
  }

  @Test
  void unknownRepositoryIsReportedAsNotFoundOrInvisible() {
    api.answer(404, "{\"message\":\"Not Found\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "repository not found, or the token cannot see it (404: Not Found); check the"
                + " repository, the API URL and the token's access");
  }

  @Test
  void rateLimitSaysWhenItResets() {
    api.answer(
        429,
        Map.of(
            "Content-Type", "application/json",
            "x-ratelimit-remaining", "0",
            "x-ratelimit-reset", "1700000000"),
        "{\"message\":\"API rate limit exceeded for user ID 1.\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "rate limit reached (429: API rate limit exceeded for user ID 1.); it resets at"
                + " 2023-11-14T22:13:20Z");
  }

  @Test
  void forbiddenWithNoRemainingRequestsIsARateLimitNotAPermissionProblem() {
    api.answer(
        403,
        Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1700000000"),
        "{\"message\":\"API rate limit exceeded\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "rate limit reached (403: API rate limit exceeded); it resets at"
                + " 2023-11-14T22:13:20Z");
  }

  @Test
  void secondaryRateLimitSaysHowLongToWait() {
    api.answer(
        403,
        Map.of("retry-after", "60"),
        "{\"message\":\"You have exceeded a secondary rate limit.\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "rate limit reached (403: You have exceeded a secondary rate limit.); retry after"
                + " 60 seconds");
  }

  @Test
  void answerThatIsNotJsonIsNotMistakenForSuccess() {
    api.answer(201, Map.of("Content-Type", "text/html"), "<html>Welcome to the proxy</html>");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the API answered 201 with text/html, not JSON; is "
                + api.base("/")
                + " the forge's API?");
  }

  @Test
  void successWithoutTheAddressIsAnError() {
    api.answer(201, "{\"number\": 7}");

    assertThatThrownBy(this::open)
        .hasMessage(ACTION + "the API answered 201 without html_url in its JSON");
  }

  @Test
  void serverErrorPageIsReportedByItsStatusAndType() {
    api.answer(502, Map.of("Content-Type", "text/html; charset=utf-8"), "<h1>Bad gateway</h1>");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION + "the forge failed (502: answer was text/html, not JSON); try again later");
  }

  @Test
  void redirectIsNotFollowedSoTheTokenStaysWithTheApi() {
    api.answer(
        307,
        Map.of("Location", "https://elsewhere.example/repos/org/renamed/pulls"),
        "{\"message\":\"Moved Permanently\"}");

    assertThatThrownBy(this::open)
        .hasMessage(
            ACTION
                + "the API answered a redirect to https://elsewhere.example/repos/org/renamed/pulls"
                + " (307: Moved Permanently); use the new address of the API or the repository");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void tokenEchoedInAnAnswerIsBlankedOut() {
    api.answer(400, "{\"message\":\"bad header Authorization: Bearer " + TOKEN + "\"}");

    assertThatThrownBy(this::open)
        .hasMessage(ACTION + "unexpected answer (400: bad header Authorization: Bearer ***)");
  }

  @Test
  void unreachableApiIsANetworkFailure() throws IOException {
    URI closed = api.base("");
    api.close();

    assertThatThrownBy(() -> new GitHub(closed, "org/app", TOKEN).open(CHANGE))
        .isInstanceOf(ForgeException.class)
        .hasMessageStartingWith(ACTION + "cannot connect to 127.0.0.1:" + closed.getPort() + " (")
        .hasMessageEndingWith("); check the API URL and the network")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void malformedRepositoryTokenOrApiAreRefusedBeforeAnyRequest() {
    URI base = api.base("");
    assertThatThrownBy(() -> new GitHub(base, "org/sub/app", TOKEN))
        .hasMessage("GitHub repository 'org/sub/app' is not of the form owner/name");
    assertThatThrownBy(() -> new GitHub(base, "org/app", "  "))
        .hasMessage("no GitHub token given; a pull request needs one");
    assertThatThrownBy(() -> new GitHub(base, "org/app", "ghp_a\nX-Injected: 1"))
        .hasMessage(
            "the GitHub token holds spaces, control or non-ASCII characters; check how it was read");
    assertThatThrownBy(
            () ->
                new GitHub(URI.create("https://user:pw@ghe.example.com/api/v3"), "org/app", TOKEN))
        .hasMessage("the API URL must not hold credentials; give the token on its own instead");
    assertThatThrownBy(() -> new GitHub(URI.create("ftp://ghe.example.com"), "org/app", TOKEN))
        .hasMessage(
            "the API URL ftp://ghe.example.com is not an http(s) address without query or"
                + " fragment");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void tokenReadFromAFileLosesItsTrailingNewline() throws IOException {
    api.answer(201, "{\"html_url\": \"https://github.com/org/app/pull/8\"}");

    new GitHub(api.base(""), "org/app", TOKEN + "\n").open(CHANGE);

    assertThat(api.requests().get(0).headers()).containsEntry("authorization", "Bearer " + TOKEN);
  }

  @Test
  void describesItselfWithoutTheToken() throws ForgeException {
    assertThat(new GitHub(api.base(""), "org/app", TOKEN).toString())
        .isEqualTo("GitHub org/app at " + api.base(""));
  }
}
