package dev.portcullis.notify;

import static dev.portcullis.notify.TestFindings.critical;
import static dev.portcullis.notify.WebhookReceiver.HANG;
import static dev.portcullis.notify.WebhookReceiver.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.notify.WebhookReceiver.Received;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:30:00Z");
  private static final NewFindings NEW_FINDING =
      new NewFindings(NOW, List.of(critical("CVE-2024-1234")));

  private final List<Duration> waits = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final WebhookSender sender =
      new WebhookSender(client, Clock.fixed(NOW, ZoneOffset.UTC), waits::add, () -> 0L);
  private WebhookReceiver receiver;

  @AfterEach
  void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void receiverGetsTheJsonPayloadWithEventAndDeliveryHeaders() throws IOException {
    receiver = new WebhookReceiver(status(204));

    DeliveryResult result = sender.deliver(target(WebhookFormat.JSON, null, 3), NEW_FINDING);

    assertThat(result).isEqualTo(new DeliveryResult(true, 1, 204, "delivered: HTTP 204"));
    Received request = receiver.requests().get(0);
    assertThat(request.path()).isEqualTo("/hooks/portcullis");
    assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.header("X-Portcullis-Event")).isEqualTo("finding.new");
    assertThat(request.header("X-Portcullis-Timestamp")).isEqualTo("" + NOW.getEpochSecond());
    assertThat(request.header("X-Portcullis-Signature")).isNull();
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.get("event").asText()).isEqualTo("finding.new");
    assertThat(body.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(body.get("findings").get(0).get("vulnerabilityId").asText())
        .isEqualTo("CVE-2024-1234");
    assertThat(request.header("X-Portcullis-Delivery")).isEqualTo(body.get("id").asText());
    assertThat(waits).isEmpty();
  }

  @Test
  void receiverVerifiesTheSignatureWithTheSharedSecret() throws Exception {
    receiver = new WebhookReceiver(status(200));
    String secret = "s3cr3t-shared-with-the-receiver";

    sender.deliver(target(WebhookFormat.JSON, secret, 1), NEW_FINDING);

    Received request = receiver.requests().get(0);
    String expected =
        "sha256=" + hmac(secret, request.header("X-Portcullis-Timestamp") + ".", request.body());
    assertThat(
            MessageDigest.isEqual(
                request.header("X-Portcullis-Signature").getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
    assertThat(
            hmac("another secret", request.header("X-Portcullis-Timestamp") + ".", request.body()))
        .isNotEqualTo(expected.substring("sha256=".length()));
    assertThat(request.headers().values()).noneMatch(value -> value.contains(secret));
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain(secret);
  }

  @Test
  void slackTargetReceivesTextAndBlocks() throws IOException {
    receiver = new WebhookReceiver(status(200));

    DeliveryResult result = sender.deliver(target(WebhookFormat.SLACK, null, 1), NEW_FINDING);

    assertThat(result.delivered()).isTrue();
    JsonNode body = new ObjectMapper().readTree(receiver.requests().get(0).body());
    assertThat(body.get("text").asText()).startsWith("Portcullis: 1 new vulnerability");
    assertThat(body.get("blocks").get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
  }

  @Test
  void twoUnavailableAnswersAreRetriedWithGrowingBackoffUntilDelivered() throws IOException {
    receiver = new WebhookReceiver(status(503), status(503), status(200));

    DeliveryResult result = sender.deliver(target(WebhookFormat.JSON, null, 5), NEW_FINDING);

    assertThat(result).isEqualTo(new DeliveryResult(true, 3, 200, "delivered: HTTP 200"));
    assertThat(receiver.requests()).hasSize(3);
    // Jitter 0 (the random source always gives 0): half of 1 s, then half of 2 s.
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(receiver.requests())
        .extracting(r -> r.header("X-Portcullis-Delivery"))
        .containsOnly(receiver.requests().get(0).header("X-Portcullis-Delivery"));
  }

  @Test
  void tooManyRequestsWaitsAsLongAsRetryAfterAsks() throws IOException {
    receiver = new WebhookReceiver(status(429, "Retry-After", "7"), status(202));

    DeliveryResult result = sender.deliver(target(WebhookFormat.JSON, null, 3), NEW_FINDING);

    assertThat(result.delivered()).isTrue();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() throws IOException {
    receiver =
        new WebhookReceiver(
            status(503, "Retry-After", "Fri, 04 Dec 2026 12:30:12 GMT"), status(200));

    sender.deliver(target(WebhookFormat.JSON, null, 3), NEW_FINDING);

    assertThat(waits).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterLongerThanTheMaxBackoffIsCappedAtIt() throws IOException {
    receiver = new WebhookReceiver(status(429, "Retry-After", "86400"), status(200));

    sender.deliver(target(WebhookFormat.JSON, null, 3), NEW_FINDING);

    assertThat(waits).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastStatus() throws IOException {
    receiver = new WebhookReceiver(status(500));

    DeliveryResult result = sender.deliver(target(WebhookFormat.JSON, null, 4), NEW_FINDING);

    assertThat(result)
        .isEqualTo(new DeliveryResult(false, 4, 500, "gave up after 4 attempts: HTTP 500"));
    assertThat(receiver.requests()).hasSize(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void badRequestIsNotRetried() throws IOException {
    receiver = new WebhookReceiver(status(400), status(200));

    DeliveryResult result = sender.deliver(target(WebhookFormat.JSON, null, 5), NEW_FINDING);

    assertThat(result).isEqualTo(new DeliveryResult(false, 1, 400, "HTTP 400, not retried"));
    assertThat(receiver.requests()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void redirectIsNotFollowedNorRetried() throws IOException {
    receiver = new WebhookReceiver(status(302, "Location", "http://127.0.0.1:9/elsewhere"));

    DeliveryResult result = sender.deliver(target(WebhookFormat.JSON, null, 5), NEW_FINDING);

    assertThat(result.delivered()).isFalse();
    assertThat(result.lastStatus()).isEqualTo(302);
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void clientThatFollowsRedirectsIsRefused() {
    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    assertThatThrownBy(() -> new WebhookSender(following, Clock.systemUTC(), waits::add, () -> 0L))
        .hasMessageContaining("must not follow redirects");
  }

  @Test
  void hangingReceiverTimesOutEachAttemptAndTheSenderGivesUp() throws IOException {
    receiver = new WebhookReceiver(HANG);
    WebhookSettings target =
        new WebhookSettings(
            receiver.url("/hooks/secret-path-T0123"),
            WebhookFormat.JSON,
            null,
            2,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofMillis(300));

    DeliveryResult result = sender.deliver(target, NEW_FINDING);

    assertThat(result.delivered()).isFalse();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.lastStatus()).isZero();
    assertThat(result.detail())
        .isEqualTo(
            "gave up after 2 attempts: no answer from http://127.0.0.1:"
                + target.url().getPort()
                + "/… within 300 ms");
    assertThat(receiver.requests()).hasSize(2);
  }

  @Test
  void refusedConnectionIsRetriedAndReportedWithoutTheUrlPath() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = socket.getLocalPort();
    }
    WebhookSettings target =
        WebhookSettings.of(
            URI.create("http://127.0.0.1:" + closedPort + "/services/T000/B000/XXXXSECRET"),
            WebhookFormat.SLACK,
            "the-secret");

    DeliveryResult result = sender.deliver(target, NEW_FINDING);

    assertThat(result.delivered()).isFalse();
    assertThat(result.attempts()).isEqualTo(5);
    assertThat(result.detail())
        .isEqualTo(
            "gave up after 5 attempts: could not connect to http://127.0.0.1:" + closedPort + "/…");
    assertThat(result.toString()).doesNotContain("XXXXSECRET", "the-secret");
    assertThat(waits).hasSize(4);
  }

  @Test
  void interruptedWaitEndsTheDeliveryWithoutThrowing() throws IOException {
    receiver = new WebhookReceiver(status(503));
    WebhookSender interrupted =
        new WebhookSender(
            client,
            Clock.fixed(NOW, ZoneOffset.UTC),
            wait -> {
              throw new InterruptedException();
            },
            () -> 0L);

    DeliveryResult result = interrupted.deliver(target(WebhookFormat.JSON, null, 5), NEW_FINDING);

    assertThat(Thread.interrupted()).isTrue();
    assertThat(result.delivered()).isFalse();
    assertThat(result.detail()).isEqualTo("interrupted after 1 attempt: HTTP 503");
  }

  private WebhookSettings target(WebhookFormat format, String secret, int attempts) {
    return new WebhookSettings(
        receiver.url("/hooks/portcullis"),
        format,
        secret,
        attempts,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(5));
  }

  private static String hmac(String secret, String prefix, byte[] body)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
