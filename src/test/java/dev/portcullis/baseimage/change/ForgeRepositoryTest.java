package dev.portcullis.baseimage.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.RecordingApi;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which forge and repository a git remote URL names. */
class ForgeRepositoryTest {

  private static ForgeRepository github(String web, String path) {
    return new ForgeRepository(ForgeKind.GITHUB, URI.create(web), path);
  }

  private static ForgeRepository gitlab(String web, String path) {
    return new ForgeRepository(ForgeKind.GITLAB, URI.create(web), path);
  }

  @Test
  void githubRemotesInScpAndHttpsFormNameOwnerAndRepository() throws ForgeException {
    ForgeRepository expected = github("https://github.com", "org/app");

    assertThat(ForgeRepository.fromRemoteUrl("git@github.com:org/app.git")).isEqualTo(expected);
    assertThat(ForgeRepository.fromRemoteUrl("https://github.com/org/app.git")).isEqualTo(expected);
    assertThat(ForgeRepository.fromRemoteUrl("https://github.com/org/app")).isEqualTo(expected);
    assertThat(ForgeRepository.fromRemoteUrl("https://GitHub.com/org/app/")).isEqualTo(expected);
    assertThat(ForgeRepository.fromRemoteUrl("ssh://git@ssh.github.com:443/org/app.git").path())
        .isEqualTo("org/app");
    assertThat(expected.defaultApi()).isEqualTo(URI.create("https://api.github.com"));
  }

  @Test
  void gitlabRemotesKeepTheWholeGroupPath() throws ForgeException {
    ForgeRepository expected = gitlab("https://gitlab.com", "group/sub/app");

    assertThat(ForgeRepository.fromRemoteUrl("https://gitlab.com/group/sub/app.git"))
        .isEqualTo(expected);
    assertThat(ForgeRepository.fromRemoteUrl("git@gitlab.com:group/sub/app.git"))
        .isEqualTo(expected);
    assertThat(expected.defaultApi()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
  }

  @Test
  void credentialsInAnHttpsRemoteAreDroppedAndNeverShown() throws ForgeException {
    ForgeRepository repository =
        ForgeRepository.fromRemoteUrl("https://oauth2:glpat-s3cret@gitlab.com/group/app.git");

    assertThat(repository).isEqualTo(gitlab("https://gitlab.com", "group/app"));
    assertThat(repository.toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> ForgeRepository.fromRemoteUrl("https://x:glpat-s3cret@gitlab.com/"))
        .hasMessage("the remote https://gitlab.com/ is not the address of a repository on a forge");
  }

  @Test
  void selfHostedServerNeedsItsKindAndServesTheApiFromItsOwnHost() throws ForgeException {
    String remote = "ssh://git@gitlab.example.com:2222/g/app.git";

    assertThatThrownBy(() -> ForgeRepository.fromRemoteUrl(remote))
        .isInstanceOf(ForgeException.class)
        .hasMessage(
            "cannot tell whether gitlab.example.com is a GitHub or a GitLab server; say which"
                + " forge it is");
    ForgeRepository repository = ForgeRepository.fromRemoteUrl(remote, ForgeKind.GITLAB);
    assertThat(repository).isEqualTo(gitlab("https://gitlab.example.com", "g/app"));
    assertThat(repository.defaultApi()).isEqualTo(URI.create("https://gitlab.example.com/api/v4"));
    assertThat(
            ForgeRepository.fromRemoteUrl(
                    "https://ghe.example.com:8443/org/app.git", ForgeKind.GITHUB)
                .defaultApi())
        .isEqualTo(URI.create("https://ghe.example.com:8443/api/v3"));
  }

  @Test
  void namedKindThatContradictsAPublicHostIsRefused() {
    assertThatThrownBy(
            () -> ForgeRepository.fromRemoteUrl("git@github.com:org/app.git", ForgeKind.GITLAB))
        .hasMessage(
            "github.com is GitHub, not GitLab; check the forge you named and the remote URL");
  }

  @Test
  void pathsThatCannotBeARepositoryAreRefused() {
    assertThatThrownBy(() -> ForgeRepository.fromRemoteUrl("https://github.com/org/app/tree/main"))
        .hasMessage(
            "the remote https://github.com/org/app/tree/main does not name a GitHub repository as"
                + " owner/name");
    assertThatThrownBy(() -> ForgeRepository.fromRemoteUrl("https://gitlab.com/app.git"))
        .hasMessage(
            "the remote https://gitlab.com/app.git does not name a GitLab project as group/name");
    for (String remote :
        new String[] {
          "/srv/git/app.git",
          "file:///srv/git/app.git",
          "../app",
          "",
          "https://github.com/org/../app",
          "git@github.com:org/app name.git"
        }) {
      assertThatThrownBy(() -> ForgeRepository.fromRemoteUrl(remote))
          .as(remote)
          .isInstanceOf(ForgeException.class)
          .hasMessageEndingWith("is not the address of a repository on a forge");
    }
  }

  @Test
  void forgeFromARemoteOpensRequestsForItsRepository() throws Exception {
    try (RecordingApi api = new RecordingApi()) {
      api.answer(201, "{\"web_url\": \"https://gitlab.example.com/g/app/-/merge_requests/3\"}");
      Forge forge =
          ForgeRepository.fromRemoteUrl("git@gitlab.example.com:g/app.git", ForgeKind.GITLAB)
              .forge(api.base("/api/v4"), "glpat-x");

      URI url = forge.open(new ProposedChange("update", "main", "Update", ""));

      assertThat(url).isEqualTo(URI.create("https://gitlab.example.com/g/app/-/merge_requests/3"));
      assertThat(api.requests().get(0).rawPath())
          .isEqualTo("/api/v4/projects/g%2Fapp/merge_requests");
    }
  }
}
