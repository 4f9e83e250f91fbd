package dev.portcullis.server;

import static dev.portcullis.server.TestServers.send;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.StoreBackend;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code portcullis scan image --server URL} against a real server, on H2 and on PostgreSQL: the
 * report is uploaded once however often the job runs, and a bad token is exit code 2. The image is
 * a one-layer OCI layout with a Debian tzdata that a record written here calls vulnerable.
 */
class ScanUploadTest {

  private static final String REPOSITORY = "registry.example/team/clock";

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();

  private Path image() throws Exception {
    Path layout = directory.resolve("layout");
    new OciLayoutBuilder()
        .layer(
            "ADD rootfs",
            file(
                "etc/os-release",
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"),
            file(
                "var/lib/dpkg/status",
                "Package: tzdata\nStatus: install ok installed\nArchitecture: all\n"
                    + "Version: 2024a-0+deb12u1\n\n"))
        .writeTo(layout, "v1");
    return layout;
  }

  private Path database() throws Exception {
    Path records = Files.createDirectories(directory.resolve("records"));
    Files.writeString(
        records.resolve("tzdata.json"),
        """
        {"id":"CVE-2099-5001","modified":"2026-01-01T00:00:00Z","summary":"written by the Portcullis test suite",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
         "affected":[{"package":{"ecosystem":"Debian:12","name":"tzdata"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2099a-0+deb12u1"}]}]}]}
        """);
    Path db = directory.resolve("v.sqlite");
    Cli.Result imported = Cli.run("db", "import", records.toString(), "--db", db.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    return db;
  }

  private static Cli.Result scan(String token, Path image, Path db, String... server)
      throws Exception {
    String[] args = new String[8 + server.length];
    System.arraycopy(
        new String[] {
          "scan",
          "image",
          "oci:" + image + ":v1",
          "--db",
          db.toString(),
          "--no-cache",
          "--exit-code",
          "1"
        },
        0,
        args,
        0,
        8);
    System.arraycopy(server, 0, args, 8, server.length);
    return CliProcess.run(Map.of("PORTCULLIS_TOKEN", token), args);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void theReportIsUploadedOnceAndTheExitCodeStaysTheGates(StoreBackend backend) throws Exception {
    Path image = image();
    Path db = database();
    try (PortcullisServer server =
        TestServers.start(backend, directory, db, false, 1024 * 1024, new StringWriter())) {
      String url = "http://127.0.0.1:" + server.port();
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      String[] upload = {"--server", url, "--server-repository", REPOSITORY, "--server-tag", "1.0"};

      Cli.Result first = scan(ci, image, db, upload);
      Cli.Result retried = scan(ci, image, db, upload);

      assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
      assertThat(first.err()).contains("portcullis: uploaded to " + url + ": scan ");
      assertThat(first.out()).contains("CVE-2099-5001");
      assertThat(retried.exitCode()).as(retried.err()).isEqualTo(1);
      assertThat(retried.err()).contains("(already recorded)");
      JsonNode findings =
          json.readTree(
              send(server, "GET", "/api/v1/findings?repository=" + REPOSITORY, reader, null)
                  .body());
      assertThat(findings.path("findings").size()).isEqualTo(1);
      assertThat(findings.path("findings").get(0).path("vulnerabilityId").asText())
          .isEqualTo("CVE-2099-5001");
      assertThat(findings.path("findings").get(0).path("severity").asText()).isEqualTo("CRITICAL");
      JsonNode repository =
          json.readTree(send(server, "GET", "/api/v1/repositories", reader, null).body())
              .path("repositories")
              .get(0);
      assertThat(repository.path("tags").get(0).path("name").asText()).isEqualTo("1.0");
      JsonNode images =
          json.readTree(
              send(server, "GET", "/api/v1/images?repository=" + REPOSITORY, reader, null).body());
      assertThat(images.path("images").size()).isEqualTo(1);
      assertThat(images.path("images").get(0).path("lastScan").path("verdict").asText())
          .isEqualTo("fail");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aWrongTokenIsExitCodeTwoWithTheServersReason(StoreBackend backend) throws Exception {
    Path image = image();
    Path db = database();
    try (PortcullisServer server =
        TestServers.start(backend, directory, db, false, 1024 * 1024, new StringWriter())) {
      String url = "http://127.0.0.1:" + server.port();
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));

      Cli.Result unknown =
          scan(
              "pcs_" + "A".repeat(43),
              image,
              db,
              "--server",
              url,
              "--server-repository",
              REPOSITORY);
      Cli.Result readOnly =
          scan(reader, image, db, "--server", url, "--server-repository", REPOSITORY);

      assertThat(unknown.exitCode()).isEqualTo(2);
      assertThat(unknown.err())
          .contains("uploading the report to " + url + "/api/v1/scans")
          .contains("HTTP 401")
          .doesNotContain("\tat ");
      assertThat(readOnly.exitCode()).isEqualTo(2);
      assertThat(readOnly.err()).contains("HTTP 403").contains("'submit' scope");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void withoutATokenItIsAUsageErrorBeforeAnyScan(StoreBackend backend) throws Exception {
    Path image = image();
    Path db = database();
    try (PortcullisServer server =
        TestServers.start(backend, directory, db, false, 1024 * 1024, new StringWriter())) {
      Cli.Result missing = scan("", image, db, "--server", "http://127.0.0.1:" + server.port());
      Cli.Result badUrl = scan("token", image, db, "--server", "ftp://example.com");
      Cli.Result repositoryAlone = scan("token", image, db, "--server-repository", REPOSITORY);

      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(missing.err()).contains("PORTCULLIS_TOKEN");
      assertThat(missing.out()).isEmpty();
      assertThat(badUrl.exitCode()).isEqualTo(2);
      assertThat(badUrl.err()).contains("--server");
      assertThat(repositoryAlone.exitCode()).isEqualTo(2);
      assertThat(repositoryAlone.out()).isEmpty();
    }
  }
}
