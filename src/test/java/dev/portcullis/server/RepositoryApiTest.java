package dev.portcullis.server;

import static dev.portcullis.server.TestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.image.Digest;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Repositories and images over HTTP, on H2 and on PostgreSQL. */
class RepositoryApiTest {

  private static final String REPOSITORY = "registry.example/team/app";

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(shared);
  }

  private static String digest(String tag) {
    return Digest.sha256Of(tag.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Marks the digest as running, as a cluster read will; nothing in the server writes it yet. */
  private static void running(Store store, String digest) {
    store.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO running_image (image_id, cluster, namespace, workload, seen_at)"
                      + " SELECT id, 'prod', 'shop', 'deployment/app', 1 FROM image WHERE digest = ?")) {
            insert.setString(1, digest);
            return insert.executeUpdate();
          }
        });
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void listsRepositoriesAndTheirImagesWithTagsWhereTheyRunAndTheirOpenFindings(StoreBackend backend)
      throws Exception {
    StoreLocation location = backend.location(directory);
    try (PortcullisServer server =
            TestServers.start(location, database, false, 1024 * 1024, Clock.systemUTC(), log);
        Store store = Store.open(location, 1)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      send(server, "POST", "/api/v1/scans", ci, ServerApiTest.inventory("1.0"));
      send(server, "POST", "/api/v1/scans", ci, ServerApiTest.inventory("2.0"));
      running(store, digest("1.0"));

      JsonNode repositories =
          json.readTree(send(server, "GET", "/api/v1/repositories", reader, null).body());

      JsonNode repository = repositories.path("repositories").get(0);
      assertThat(repository.path("name").asText()).isEqualTo(REPOSITORY);
      assertThat(repository.path("currentDigest").asText()).isEqualTo(digest("2.0"));
      assertThat(repository.path("tags").findValuesAsText("name")).containsExactly("1.0", "2.0");
      assertThat(repository.path("open").path("UNKNOWN").asLong()).isEqualTo(1);
      assertThat(repository.path("overdue").asLong()).isZero();
      assertThat(repository.path("running").asBoolean()).isTrue();

      HttpResponse<String> firstPage =
          send(server, "GET", "/api/v1/images?repository=" + REPOSITORY + "&limit=1", reader, null);
      assertThat(firstPage.statusCode()).as(firstPage.body()).isEqualTo(200);
      JsonNode page = json.readTree(firstPage.body());
      assertThat(page.path("images").get(0).path("digest").asText()).isEqualTo(digest("1.0"));
      JsonNode secondPage =
          json.readTree(
              send(
                      server,
                      "GET",
                      "/api/v1/images?repository="
                          + REPOSITORY
                          + "&limit=1&after="
                          + page.path("next").asLong(),
                      reader,
                      null)
                  .body());
      assertThat(secondPage.path("images").get(0).path("digest").asText()).isEqualTo(digest("2.0"));
      assertThat(secondPage.path("images").get(0).path("current").asBoolean()).isTrue();

      HttpResponse<String> detail =
          send(server, "GET", "/api/v1/images/" + digest("1.0"), reader, null);
      assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
      JsonNode image = json.readTree(detail.body()).path("images").get(0);
      assertThat(image.path("repository").asText()).isEqualTo(REPOSITORY);
      assertThat(image.path("current").asBoolean()).isFalse();
      assertThat(image.path("tags").get(0).asText()).isEqualTo("1.0");
      assertThat(image.path("tagHistory").get(0).path("tag").asText()).isEqualTo("1.0");
      assertThat(image.path("runningIn").get(0).path("cluster").asText()).isEqualTo("prod");
      assertThat(image.path("lastScan").path("verdict").asText()).isIn("pass", "fail");
      assertThat(image.path("lastScan").path("cause").asText()).isEqualTo("ci");
      assertThat(image.path("firstSeen").asText()).isNotBlank();
      assertThat(image.path("open").path("UNKNOWN").asLong()).isEqualTo(1);

      JsonNode runningFindings =
          json.readTree(send(server, "GET", "/api/v1/findings?running=true", reader, null).body());
      assertThat(runningFindings.path("findings").size()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void badOrUnknownNamesGetAJsonError(StoreBackend backend) throws Exception {
    try (PortcullisServer server =
        TestServers.start(backend, directory, database, false, 1024 * 1024, log)) {
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      List<String> bad =
          List.of(
              "/api/v1/images",
              "/api/v1/images?repository=UPPER/Case!",
              "/api/v1/images/sha256:nothex",
              "/api/v1/repositories?limit=1001",
              "/api/v1/repositories?after=x");
      for (String path : bad) {
        HttpResponse<String> response = send(server, "GET", path, reader, null);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").path("status").asInt())
            .isEqualTo(400);
      }
      assertThat(
              send(server, "GET", "/api/v1/images?repository=" + REPOSITORY, reader, null)
                  .statusCode())
          .isEqualTo(404);
      assertThat(send(server, "GET", "/api/v1/images/" + digest("9.9"), reader, null).statusCode())
          .isEqualTo(404);
      assertThat(send(server, "GET", "/api/v1/repositories", null, null).statusCode())
          .isEqualTo(401);
      assertThat(log.toString()).doesNotContain("internal error");
    }
  }
}
