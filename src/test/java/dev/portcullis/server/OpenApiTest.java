package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.portcullis.testing.StoreBackend;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document: valid in shape, and every operation it names exists. */
class OpenApiTest {

  @TempDir Path directory;

  @Test
  void everyDocumentedOperationIsServedAndAnswersWithADocumentedStatus() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (PortcullisServer server =
        TestServers.start(
            StoreBackend.H2,
            directory,
            directory.resolve("no-database.sqlite"),
            false,
            ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
            new StringWriter())) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> served =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/openapi.yaml")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(served.statusCode()).isEqualTo(200);
      JsonNode document = new YAMLMapper().readTree(served.body());

      assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
      List<String> operations = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
          paths.hasNext(); ) {
        Map.Entry<String, JsonNode> path = paths.next();
        for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
          String method = methods.next().toUpperCase(Locale.ROOT);
          JsonNode responses =
              path.getValue().path(method.toLowerCase(Locale.ROOT)).path("responses");
          HttpResponse<String> answer =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(base + withExamples(path.getKey(), path.getValue(), method)))
                      .method(method, HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(responses.has(String.valueOf(answer.statusCode())))
              .as(method + " " + path.getKey() + " answered " + answer.statusCode())
              .isTrue();
          operations.add(method + " " + path.getKey());
        }
      }
      assertThat(operations)
          .contains(
              "POST /api/v1/scans",
              "POST /api/v1/hooks/distribution",
              "POST /api/v1/hooks/harbor",
              "GET /api/v1/findings",
              "GET /api/v1/kpis",
              "POST /api/v1/exceptions",
              "GET /api/v1/exceptions",
              "POST /api/v1/exceptions/{id}/expire",
              "GET /api/v1/audit",
              "GET /api/v1/repositories",
              "GET /api/v1/images",
              "GET /api/v1/images/{digest}",
              "GET /health",
              "GET /metrics");
      assertThat(document.at("/components/schemas/Error/required").toString()).contains("error");
    }
  }

  /** The path with each {name} replaced by the example its parameter gives. */
  private static String withExamples(String path, JsonNode item, String method) {
    String filled = path;
    for (JsonNode parameter : item.path(method.toLowerCase(Locale.ROOT)).path("parameters")) {
      if (parameter.path("in").asText().equals("path")) {
        assertThat(parameter.has("example")).as(path + " needs an example").isTrue();
        filled =
            filled.replace(
                "{" + parameter.path("name").asText() + "}", parameter.path("example").asText());
      }
    }
    return filled;
  }
}
