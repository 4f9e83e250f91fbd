package dev.portcullis.feed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.registry.RegistryUnavailableException;
import dev.portcullis.testing.StallingRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server's pulls and polls use the registry timeouts it was started with: a registry that
 * stalls is unavailable (so the job is retried later), named in the error, not a hung worker.
 */
class RegistryImagesTimeoutTest {

  @Test
  void aPollOfAStalledRegistryIsUnavailableAndNamesTheRegistry() throws IOException {
    try (StallingRegistry registry =
        StallingRegistry.start().route("/v2/team/app/tags/list", StallingRegistry.silent())) {
      FeedSettings settings =
          FeedSettings.defaults()
              .withRegistries(Set.of(registry.host()), null)
              .withRegistryTimeouts(
                  new RegistryTimeouts(
                      Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3), 1024));
      RegistryImages images = new RegistryImages(settings);
      WatchedRepository watched = WatchedRepository.parse(registry.host() + "/team/app");

      assertThatThrownBy(() -> images.queries(watched).tags())
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessage(
              "registry "
                  + registry.host()
                  + ": no answer within 2 s (--registry-read-timeout) while trying to list tags of "
                  + registry.host()
                  + "/team/app");
    }
  }
}
