package dev.portcullis.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Push notifications read as hostile input: what is kept, what is skipped, and the error that names
 * the field when a payload is malformed. The real registry's envelope is read in
 * DistributionNotificationTest.
 */
class PushEventsTest {

  private static final String DIGEST =
      "sha256:f48ef7989e4de4b499e48c8c2458a0532b7a837b8a930113fcf63afd9c47813f";
  private static final String LAYER =
      "sha256:6ce2e3ccb5b0517471751778e11b774a367cd798a167a175c8e8e444639b08c1";

  private static List<PushedImage> distribution(String json) throws InputException {
    return PushEvents.fromDistribution(json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<PushedImage> harbor(String json) throws InputException {
    return PushEvents.fromHarbor(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String event(String action, String mediaType, String digest, String extra) {
    return """
        {"id":"e1","timestamp":"2024-12-04T15:10:00Z","action":"%s",
         "target":{"mediaType":"%s","size":528,"digest":"%s","length":528,
                   "repository":"team/app","url":"http://Registry.Example:5000/v2/team/app/manifests/%s"%s},
         "request":{"id":"r1","addr":"10.0.0.9:4711","host":"registry.example:5000","method":"PUT"},
         "source":{"addr":"node-1:5000","instanceID":"i1"}}
        """
        .formatted(action, mediaType, digest, digest, extra);
  }

  @Test
  void keepsManifestPushesAndSkipsBlobsPullsAndDeletes() throws InputException {
    String manifest = "application/vnd.oci.image.manifest.v1+json";
    String envelope =
        "{\"events\":["
            + String.join(
                ",",
                event("push", "application/octet-stream", LAYER, ""),
                event("push", "application/vnd.oci.image.layer.v1.tar+gzip", LAYER, ""),
                event("pull", manifest, DIGEST, ",\"tag\":\"1.0\""),
                event("delete", manifest, DIGEST, ""),
                event("push", manifest, DIGEST, ",\"tag\":\"1.0\""))
            + "]}";

    assertThat(distribution(envelope))
        .containsExactly(
            new PushedImage(
                "registry.example:5000", "team/app", Digest.parse(DIGEST), "1.0", manifest));
  }

  @Test
  void anIndexPushedByDigestHasNoTag() throws InputException {
    String index = "application/vnd.oci.image.index.v1+json";
    List<PushedImage> pushes =
        distribution("{\"events\":[" + event("push", index, DIGEST, "") + "]}");
    assertThat(pushes)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tag()).isNull();
              assertThat(p.mediaType()).isEqualTo(index);
              assertThat(p.reference().toString())
                  .isEqualTo("registry.example:5000/team/app@" + DIGEST);
            });
  }

  @Test
  void theRegistryIsTheRequestsHostWhenTheTargetHasNoUrl() throws InputException {
    String envelope =
        """
        {"events":[{"action":"push","target":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
          "digest":"%s","repository":"app"},"request":{"host":"127.0.0.1:5000"}}]}
        """
            .formatted(DIGEST);
    assertThat(distribution(envelope))
        .singleElement()
        .extracting(PushedImage::registry)
        .isEqualTo("127.0.0.1:5000");
  }

  @Test
  void anEnvelopeWithoutPushesIsEmptyNotAnError() throws InputException {
    assertThat(distribution("{\"events\":[]}")).isEmpty();
  }

  @Test
  void malformedDistributionEnvelopesAreRefusedNamingTheField() {
    String manifest = "application/vnd.docker.distribution.manifest.v2+json";
    assertRefused(() -> distribution("{\"events\":["), "distribution notification: not valid JSON");
    assertRefused(() -> distribution("[1,2]"), "expected a JSON object");
    assertRefused(() -> distribution("{}"), "events: missing");
    assertRefused(() -> distribution("{\"events\":{}}"), "events: expected an array, found object");
    assertRefused(() -> distribution("{\"events\":[42]}"), "events[0]: expected an object");
    assertRefused(
        () -> distribution("{\"events\":[{\"action\":7}]}"),
        "events[0].action: expected a string, found number");
    assertRefused(
        () -> distribution("{\"events\":[" + event("push", manifest, "sha256:xyz", "") + "]}"),
        "events[0].target.digest: not a valid digest \"sha256:xyz\"");
    assertRefused(
        () ->
            distribution(
                "{\"events\":[" + event("push", manifest, DIGEST, ",\"tag\":\"../x\"") + "]}"),
        "events[0].target.tag: not a valid tag");
    assertRefused(
        () ->
            distribution(
                "{\"events\":["
                    + event("push", manifest, DIGEST, "").replace("team/app\"", "Team//app\"")
                    + "]}"),
        "events[0].target.repository: not a valid repository name");
    assertRefused(
        () ->
            distribution(
                "{\"events\":["
                    + event("push", manifest, DIGEST, "").replace("http://", "http://user:pw@")
                    + "]}"),
        "events[0].target.url: not an http(s) URL without credentials");
    assertRefused(
        () -> distribution("{\"events\":[],\"events\":[]}"), "not valid JSON (Duplicate field");
    assertRefused(() -> distribution("{\"events\":[]} {}"), "not valid JSON");
  }

  @Test
  void anEventWithNoWayToNameTheRegistryIsRefused() {
    String envelope =
        """
        {"events":[{"action":"push","target":{"mediaType":"application/vnd.oci.image.index.v1+json",
          "digest":"%s","repository":"app"}}]}
        """
            .formatted(DIGEST);
    assertRefused(
        () -> distribution(envelope), "events[0]: neither target.url nor request.host names");
  }

  @Test
  void oversizedBodiesAndTooManyEventsAreRefused() {
    byte[] big = new byte[PushEvents.MAX_BODY_BYTES + 1];
    assertThatThrownBy(() -> PushEvents.fromDistribution(big))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("larger than 1048576 bytes");
    InputStream stream = new ByteArrayInputStream(big);
    assertThatThrownBy(() -> PushEvents.readBody(stream))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("larger than 1048576 bytes");
    String many = "{\"events\":[" + "{},".repeat(PushEvents.MAX_EVENTS) + "{}]}";
    assertRefused(() -> distribution(many), "events: 1001 entries, more than the 1000 accepted");
  }

  @Test
  void readsABodyWithinTheBound() throws IOException {
    byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThat(PushEvents.readBody(new ByteArrayInputStream(body))).isEqualTo(body);
  }

  @Test
  void harborsDefaultPayloadNamesTheRegistryInTheResourceUrl() throws IOException {
    assertThat(PushEvents.fromHarbor(fixture("harbor-push-default.json")))
        .containsExactly(
            new PushedImage(
                "harbor.example.com:8443", "team/payments", Digest.parse(DIGEST), "1.4.2", null));
  }

  @Test
  void harborsCloudEventOfAPushByDigestHasNoTag() throws IOException {
    assertThat(PushEvents.fromHarbor(fixture("harbor-push-cloudevents.json")))
        .containsExactly(
            new PushedImage(
                "harbor.example.com",
                "team/payments",
                Digest.parse(
                    "sha256:93896ba080b93e7d654d014fd19352cc48a247cec5c00919f45626d56c224fab"),
                null,
                null));
  }

  @Test
  void harborEventsOtherThanPushesAreSkipped() throws InputException {
    assertThat(harbor("{\"type\":\"PULL_ARTIFACT\",\"event_data\":{}}")).isEmpty();
    assertThat(harbor("{\"specversion\":\"1.0\",\"type\":\"harbor.scan.completed\"}")).isEmpty();
    assertThat(harbor("{\"specversion\":\"1.0\",\"type\":\"PUSH_ARTIFACT\"}")).isEmpty();
  }

  @Test
  void malformedHarborPayloadsAreRefusedNamingTheField() throws IOException {
    String payload = new String(fixture("harbor-push-default.json"), StandardCharsets.UTF_8);
    assertRefused(() -> harbor("{\"occur_at\":1}"), "Harbor webhook: type: missing");
    assertRefused(
        () -> harbor("{\"type\":\"PUSH_ARTIFACT\"}"), "Harbor webhook: event_data: missing");
    assertRefused(
        () -> harbor(payload.replace("sha256:f48e", "sha256:G48e")),
        "event_data.resources[0].digest: not a valid digest");
    assertRefused(
        () ->
            harbor(
                payload.replace(
                    "harbor.example.com:8443/team/payments", "harbor.example.com:8443/other/app")),
        "event_data.resources[0].resource_url: \"harbor.example.com:8443/other/app:1.4.2\" is not in"
            + " repository \"team/payments\"");
    assertRefused(
        () -> harbor(payload.replace("harbor.example.com:8443/team/payments:", "payments:")),
        "event_data.resources[0].resource_url: not a registry host");
    assertRefused(
        () -> harbor(payload.replace("\"team/payments\"", "42")),
        "event_data.repository.repo_full_name: expected a string, found number");
    assertRefused(
        () -> harbor(payload.replace("\"tag\": \"1.4.2\"", "\"tag\": \"sha256:nope\"")),
        "event_data.resources[0].tag: not a valid digest");
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(InputException.class).hasMessageContaining(message);
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = PushEventsTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
