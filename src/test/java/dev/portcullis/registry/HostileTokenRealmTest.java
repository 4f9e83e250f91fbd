package dev.portcullis.registry;

import static dev.portcullis.registry.StallingRegistryTest.assertStallReported;
import static dev.portcullis.registry.StallingRegistryTest.bytes;
import static dev.portcullis.registry.StallingRegistryTest.pull;
import static dev.portcullis.testing.StallingRegistry.answer;
import static dev.portcullis.testing.StallingRegistry.bodyDrip;
import static dev.portcullis.testing.StallingRegistry.silent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.StallingRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer challenges that name a hostile token realm: one that stalls, one that is not a URI or not
 * https, one on another host over plain HTTP. Each is exit code 2 and one line, never an internal
 * error; credentials go only where Docker would send them.
 */
class HostileTokenRealmTest {

  private static StallingRegistry registry;

  /** A token service on another loopback address: another host, as far as credentials go. */
  private static StallingRegistry elsewhere;

  @BeforeAll
  static void start() throws IOException {
    registry = StallingRegistry.start();
    elsewhere = StallingRegistry.start(InetAddress.getByName("127.0.0.2"));
    String here = "http://" + registry.host();
    registry
        .route("/v2/app/manifests/realm-silent", challenge(here + "/token/silent"))
        .route("/token/silent", silent())
        .route("/v2/app/manifests/realm-drip", challenge(here + "/token/drip"))
        .route("/token/drip", bodyDrip(bytes("{\"token\":\"t\"}"), 200L, 1, 100))
        .route("/v2/app/manifests/realm-file", challenge("file:///etc/passwd"))
        .route("/v2/app/manifests/realm-invalid", challenge("http://[oops/token"))
        .route("/v2/app/manifests/realm-ftp", challenge("ftp://" + registry.host() + "/token"))
        .route("/v2/app/manifests/realm-no-host", challenge("https:///token"))
        .route("/v2/app/manifests/realm-here", challenge(here + "/token/grant?x=1"))
        .route("/token/grant", token())
        .route(
            "/v2/app/manifests/realm-elsewhere",
            challenge("http://" + elsewhere.host() + "/token/grant"));
    elsewhere.route("/token/grant", token());
  }

  @AfterAll
  static void stop() throws IOException {
    registry.close();
    elsewhere.close();
  }

  /** 401 with a Bearer challenge naming the realm; with the token, 404: the token was taken. */
  private static StallingRegistry.Behaviour challenge(String realm) {
    return (request, out) -> {
      if ("Bearer t".equals(request.headers().get("authorization"))) {
        answer(404, Map.of(), bytes("{}")).answer(request, out);
      } else {
        answer(
                401,
                Map.of(
                    "WWW-Authenticate",
                    "Bearer realm=\"" + realm + "\",service=\"hostile\",scope=\"x\""),
                bytes("{}"))
            .answer(request, out);
      }
    };
  }

  private static StallingRegistry.Behaviour token() {
    return answer(200, Map.of("Content-Type", "application/json"), bytes("{\"token\":\"t\"}"));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(bytes(user + ":" + password));
  }

  @Test
  void aTokenServiceThatSaysNothingIsAnError() {
    assertStallReported(
        pull(registry.host() + "/app:realm-silent"),
        "registry " + registry.host() + ": no answer within 2 s",
        "while trying to fetch a token from http://"
            + registry.host()
            + "/token/silent for pull"
            + " manifest realm-silent");
  }

  @Test
  void aTokenSentOneByteAtATimeIsTooSlow() {
    assertStallReported(
        pull(registry.host() + "/app:realm-drip"),
        "registry " + registry.host() + ": sent ",
        "slower than the minimum",
        "fetch a token from http://" + registry.host() + "/token/drip");
  }

  @Test
  void aFileRealmIsRefused() {
    assertStallReported(
        pull(registry.host() + "/app:realm-file"),
        "token realm 'file:///etc/passwd' is not an https address");
  }

  @Test
  void aRealmThatIsNoUriIsRefused() {
    assertStallReported(
        pull(registry.host() + "/app:realm-invalid"),
        "token realm 'http://[oops/token' is not a valid URI");
  }

  @Test
  void anFtpRealmIsRefused() {
    assertStallReported(pull(registry.host() + "/app:realm-ftp"), "is not an https address");
  }

  @Test
  void aRealmWithoutAHostIsRefused() {
    assertStallReported(
        pull(registry.host() + "/app:realm-no-host"), "token realm 'https:///token' names no host");
  }

  @Test
  void credentialsGoToAPlainHttpRealmOnTheRegistrysOwnHostAsDockerSendsThem() {
    assertStallReported(
        pull(registry.host() + "/app:realm-here", "--username", "ci", "--password", "secret"),
        "not found (404)");
    assertThat(registry.received())
        .anySatisfy(
            request -> {
              assertThat(request.path()).startsWith("/token/grant?x=1&scope=x&service=hostile");
              assertThat(request.headers()).containsEntry("authorization", basic("ci", "secret"));
            });
  }

  @Test
  void credentialsNeverGoOverPlainHttpToAnotherHost() {
    int before = elsewhere.received().size();
    assertStallReported(
        pull(registry.host() + "/app:realm-elsewhere", "--username", "ci", "--password", "secret"),
        "plain HTTP on another host than the registry",
        "credentials are never sent there");
    assertThat(elsewhere.received()).hasSize(before);
  }

  @Test
  void withoutCredentialsAPlainHttpRealmOnAnotherHostIsAskedAnonymously() {
    assertStallReported(pull(registry.host() + "/app:realm-elsewhere"), "not found (404)");
    assertThat(elsewhere.received())
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request.headers()).doesNotContainKey("authorization"));
  }
}
