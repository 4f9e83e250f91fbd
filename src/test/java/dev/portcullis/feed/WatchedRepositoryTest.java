package dev.portcullis.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatchedRepositoryTest {

  @Test
  void aRegistryWithAPortAndGlobsIsReadAsTheFlagWritesIt() {
    WatchedRepository watched = WatchedRepository.parse("127.0.0.1:5000/team/app:1.*,latest");

    assertThat(watched.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(watched.repository()).isEqualTo("team/app");
    assertThat(watched.tags().matches("1.4")).isTrue();
    assertThat(watched.tags().matches("latest")).isTrue();
    assertThat(watched.tags().matches("2.0")).isFalse();
  }

  @Test
  void withoutGlobsEveryTagIsFollowed() {
    WatchedRepository watched = WatchedRepository.parse("registry.example/team/app");

    assertThat(watched.storeName()).isEqualTo("registry.example/team/app");
    assertThat(watched.tags().matches("anything")).isTrue();
  }

  @Test
  void aNameWithoutRegistryADigestOrAnEmptyGlobIsRefused() {
    assertThatThrownBy(() -> WatchedRepository.parse("app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REGISTRY/REPO");
    assertThatThrownBy(
            () -> WatchedRepository.parse("registry.example/app@sha256:" + "a".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WatchedRepository.parse("registry.example/app:1.*,"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag glob ''");
  }
}
