package dev.portcullis.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  private static final URI SLACK = URI.create("https://hooks.slack.example/services/T0/B0/XSECRET");

  @Test
  void defaultsAreFiveAttemptsOneSecondDoublingToAMinuteTenSecondsEach() {
    WebhookSettings settings = WebhookSettings.of(SLACK, WebhookFormat.SLACK, null);

    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void schemeOtherThanHttpOrHttpsIsRefusedWithoutQuotingTheUrl() {
    assertThatThrownBy(() -> settings("ftp://example.org/drop/XSECRET", 3))
        .hasMessage("notification URL: use http:// or https://, not ftp://");
    assertThatThrownBy(() -> settings("file:///etc/passwd", 3))
        .hasMessage("notification URL: use http:// or https://, not file://");
    assertThatThrownBy(() -> settings("example.org/hook", 3))
        .hasMessage("notification URL: use http:// or https://, not a URL without a scheme");
  }

  @Test
  void urlWithoutHostOrWithCredentialsIsRefused() {
    assertThatThrownBy(() -> settings("http:///hook", 3))
        .hasMessage("notification URL: it names no host");
    assertThatThrownBy(() -> settings("https://user:pass@example.org/hook", 3))
        .hasMessage("notification URL: user:password@ is not sent; use a secret instead")
        .message()
        .doesNotContain("pass@");
  }

  @Test
  void attemptsOutsideOneToTwentyAreRefused() {
    assertThatThrownBy(() -> settings("https://example.org/hook", 0))
        .hasMessage("notification attempts: use 1 to 20, not 0");
    assertThatThrownBy(() -> settings("https://example.org/hook", 21))
        .hasMessage("notification attempts: use 1 to 20, not 21");
  }

  @Test
  void backoffsAndTimeoutMustBePositiveAndInOrder() {
    URI url = URI.create("https://example.org/hook");
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    url,
                    WebhookFormat.JSON,
                    null,
                    3,
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .hasMessage("notification initial backoff: must be positive, not PT0S");
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    url,
                    WebhookFormat.JSON,
                    null,
                    3,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .hasMessage("notification max backoff (PT1S) is shorter than the initial backoff (PT10S)");
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    url,
                    WebhookFormat.JSON,
                    null,
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(-1)))
        .hasMessage("notification request timeout: must be positive, not PT-1S");
  }

  @Test
  void blankSecretIsRefusedRatherThanSigningWithNothing() {
    assertThatThrownBy(() -> WebhookSettings.of(SLACK, WebhookFormat.JSON, "  "))
        .hasMessage("notification secret: it is empty; leave it out to send unsigned requests");
  }

  @Test
  void textShowsNeitherTheSecretNorTheUrlPath() {
    WebhookSettings settings = WebhookSettings.of(SLACK, WebhookFormat.SLACK, "hunter2");

    assertThat(settings.toString())
        .doesNotContain("hunter2", "XSECRET", "T0")
        .contains("https://hooks.slack.example/…", "secret=***");
    assertThat(settings.redactedUrl()).isEqualTo("https://hooks.slack.example/…");
  }

  @Test
  void formatIsJsonOrSlack() {
    assertThat(WebhookFormat.parse(" Slack ")).isEqualTo(WebhookFormat.SLACK);
    assertThat(WebhookFormat.parse("json")).isEqualTo(WebhookFormat.JSON);
    assertThatThrownBy(() -> WebhookFormat.parse("teams"))
        .hasMessage("unknown notification format 'teams': use json or slack");
  }

  private static WebhookSettings settings(String url, int attempts) {
    return new WebhookSettings(
        URI.create(url),
        WebhookFormat.JSON,
        null,
        attempts,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10));
  }
}
