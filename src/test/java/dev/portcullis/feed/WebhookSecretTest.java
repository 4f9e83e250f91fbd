package dev.portcullis.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSecretTest {

  private static final String SECRET = "Bearer 6b1f0c2e9a4d7e8f3c5a";

  @Test
  void acceptsOnlyTheWholeSecret() {
    WebhookSecret secret = new WebhookSecret(WebhookSecret.HARBOR_HEADER, SECRET);
    assertThat(secret.accepts(SECRET)).isTrue();
    assertThat(secret.accepts(SECRET + " ")).isFalse();
    assertThat(secret.accepts(SECRET.substring(0, SECRET.length() - 1))).isFalse();
    assertThat(secret.accepts("")).isFalse();
    assertThat(secret.accepts(null)).isFalse();
  }

  @Test
  void aShortSecretOrAMalformedHeaderNameIsAConfigurationError() {
    assertThatThrownBy(() -> new WebhookSecret(WebhookSecret.DISTRIBUTION_HEADER, "hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 characters");
    assertThatThrownBy(() -> new WebhookSecret("X-Secret: x", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an HTTP header name");
  }

  @Test
  void neverShowsTheSecret() {
    assertThat(new WebhookSecret("X-Hook", SECRET).toString())
        .isEqualTo("X-Hook: ****")
        .doesNotContain("6b1f");
  }
}
