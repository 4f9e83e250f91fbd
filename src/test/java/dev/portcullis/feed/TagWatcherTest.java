package dev.portcullis.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a repository of the real registry (Debian's docker-registry) by polling its tags: new,
 * moved and removed tags are reported with their manifest digests, unchanged ones are not.
 */
class TagWatcherTest {

  @TempDir static java.nio.file.Path dir;
  private static LocalRegistry registry;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    registry = LocalRegistry.start(dir.resolve("registry"), null);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    registry.close();
  }

  private static void push(String image, String repositoryAndTag)
      throws IOException, InterruptedException {
    registry.push("oci:" + TestImages.ociLayout() + ":" + image, repositoryAndTag, null);
  }

  private static RepositoryQueries queries(String repository) {
    return new RepositoryQueries(
        new RegistryClient(ImageReference.parse(registry.host() + "/" + repository), true, null));
  }

  @Test
  void aMovedTagIsReportedAndUnchangedTagsAreNot() throws Exception {
    push("empty", "watch/app:v1");
    push("empty", "watch/app:stable");
    RepositoryQueries app = queries("watch/app");
    Digest empty = app.manifestDigest("v1");
    TagWatcher watcher = new TagWatcher(TagFilter.all(), TagWatcher.DEFAULT_MAX_TAGS);

    TagPoll first = watcher.poll(app, Map.of());
    assertThat(first.changes())
        .containsExactly(new TagChange("stable", null, empty), new TagChange("v1", null, empty));
    assertThat(first.changes()).allMatch(c -> c.kind() == TagChange.Kind.ADDED);

    push("distroless", "watch/app:v1");
    Digest distroless = app.manifestDigest("v1");
    assertThat(distroless).isNotEqualTo(empty);
    TagPoll second = watcher.poll(app, first.tags());
    assertThat(second.changes()).containsExactly(new TagChange("v1", empty, distroless));
    assertThat(second.changes().get(0).kind()).isEqualTo(TagChange.Kind.MOVED);
    assertThat(second.tags()).isEqualTo(Map.of("v1", distroless, "stable", empty));

    assertThat(watcher.poll(app, second.tags()).changes()).isEmpty();
  }

  @Test
  void aTagWhoseManifestIsDeletedIsReportedRemoved() throws Exception {
    push("empty", "watch/gone:keep");
    push("distroless", "watch/gone:old");
    RepositoryQueries gone = queries("watch/gone");
    TagWatcher watcher = new TagWatcher(TagFilter.all(), TagWatcher.DEFAULT_MAX_TAGS);
    TagPoll before = watcher.poll(gone, Map.of());
    Digest old = before.tags().get("old");

    HttpResponse<Void> deleted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + registry.host() + "/v2/watch/gone/manifests/" + old))
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(deleted.statusCode()).isEqualTo(202);

    TagPoll after = watcher.poll(gone, before.tags());
    assertThat(after.changes()).containsExactly(new TagChange("old", old, null));
    assertThat(after.changes().get(0).kind()).isEqualTo(TagChange.Kind.REMOVED);
    assertThat(after.tags()).containsOnlyKeys("keep");
  }

  @Test
  void onlyTagsMatchingTheFilterAreWatched() throws Exception {
    for (String tag : List.of("1.0", "1.1", "2.0", "latest")) {
      push("empty", "watch/filtered:" + tag);
    }
    RepositoryQueries filtered = queries("watch/filtered");
    assertThat(new TagWatcher(TagFilter.globs(List.of("1.*")), 10).poll(filtered, Map.of()).tags())
        .containsOnlyKeys("1.0", "1.1");
    assertThat(
            new TagWatcher(TagFilter.globs(List.of("?.0", "lat*st")), 10)
                .poll(filtered, Map.of())
                .tags())
        .containsOnlyKeys("1.0", "2.0", "latest");
  }

  @Test
  void theCapLooksUpNewTagsFirstAndKeepsTheRestAsTheyWere() throws Exception {
    for (String tag : List.of("a", "b", "c")) {
      push("empty", "watch/capped:" + tag);
    }
    RepositoryQueries capped = queries("watch/capped");
    Digest empty = capped.manifestDigest("a");
    TagWatcher watcher = new TagWatcher(TagFilter.all(), 2);

    TagPoll first = watcher.poll(capped, Map.of());
    assertThat(first.tags()).isEqualTo(Map.of("a", empty, "b", empty));
    assertThat(first.unexamined()).isEqualTo(1);

    TagPoll second = watcher.poll(capped, first.tags());
    assertThat(second.changes()).containsExactly(new TagChange("c", null, empty));
    assertThat(second.tags()).isEqualTo(Map.of("a", empty, "b", empty, "c", empty));
    assertThat(second.unexamined()).isEqualTo(1);
  }

  @Test
  void tagsOutsideTheTagGrammarAreNotLookedUp() throws Exception {
    Digest digest = Digest.sha256Of("{}".getBytes(StandardCharsets.UTF_8));
    List<String> asked = new CopyOnWriteArrayList<>();
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/v2/",
        exchange -> {
          asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
          if (exchange.getRequestURI().getPath().endsWith("/tags/list")) {
            byte[] body =
                "{\"name\":\"hostile/tags\",\"tags\":[\"1.0\",\"../../other/manifests/x\",\"a b\",\"\"]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          } else {
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest.toString());
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    stub.start();
    try {
      RepositoryQueries hostile =
          new RepositoryQueries(
              new RegistryClient(
                  ImageReference.parse(
                      "127.0.0.1:" + stub.getAddress().getPort() + "/hostile/tags"),
                  true,
                  null));
      TagPoll poll = new TagWatcher(TagFilter.all(), 10).poll(hostile, Map.of());
      assertThat(poll.tags()).isEqualTo(Map.of("1.0", digest));
      assertThat(asked)
          .filteredOn(a -> a.startsWith("HEAD"))
          .containsExactly("HEAD /v2/hostile/tags/manifests/1.0");
    } finally {
      stub.stop(0);
    }
  }

  @Test
  void aGlobWrittenToBacktrackMatchesInLinearTime() {
    TagFilter filter = TagFilter.globs(List.of("a*".repeat(60) + "b"));

    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10),
        () -> assertThat(filter.matches("a".repeat(128))).isFalse());
  }

  @Test
  void malformedFiltersAreConfigurationErrors() {
    assertThatThrownBy(() -> TagFilter.globs(List.of("1.[0-9]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag glob '1.[0-9]'");
    assertThatThrownBy(() -> new TagWatcher(TagFilter.all(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
