package dev.portcullis.vulndb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.SharedOsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db update} against a web server on loopback that serves OSV's export layout with real zips
 * made from the shared records: a mirror, as an air-gapped user would run one.
 */
class DatabaseUpdateTest {

  private static final Path OSV = SharedOsv.DIRECTORY;

  @TempDir static Path dir;
  private static HttpServer server;
  private static Map<String, byte[]> exports;

  @BeforeAll
  static void serveExports() throws IOException {
    assumeThat(OSV).isDirectory();
    exports =
        Map.of(
            "/Go/all.zip", zipOf(OSV.resolve("Go")), "/PyPI/all.zip", zipOf(OSV.resolve("PyPI")));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", DatabaseUpdateTest::serve);
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static byte[] zipOf(Path folder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
        zip.write(Files.readAllBytes(file));
      }
    }
    return bytes.toByteArray();
  }

  private static void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = exports.get(path.replace("/broken", ""));
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
    } else if (path.startsWith("/broken")) {
      // Promise the whole export, send a third of it, hang up.
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body, 0, body.length / 3);
    } else {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private static String base(String prefix) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix + "/";
  }

  private static long records(String ecosystem) throws IOException {
    return SharedOsv.files(ecosystem).size();
  }

  @Test
  void updateDownloadsEachExportAndSaysWhichAreMissing() throws IOException {
    Path db = dir.resolve("update/v.sqlite");

    Cli.Result result =
        Cli.run(
            "db",
            "update",
            "--db",
            db.toString(),
            "--db-url",
            base(""),
            "--ecosystem",
            "Go,PyPI,Debian");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("no export for Debian at " + base("") + "Debian/all.zip");
    try (VulnerabilityDatabase opened = VulnerabilityDatabase.open(db)) {
      DatabaseStatus status = opened.status();
      assertThat(status.vulnerabilities()).isEqualTo(records("Go") + records("PyPI"));
      assertThat(status.sources())
          .extracting(DatabaseStatus.Source::name)
          .containsExactlyInAnyOrder(base("") + "Go/all.zip", base("") + "PyPI/all.zip");
    }
    try (Stream<Path> left = Files.list(db.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("v.sqlite");
    }
  }

  @Test
  void brokenDownloadLeavesTheOldDatabaseInPlace() throws IOException {
    Path db = dir.resolve("broken/v.sqlite");
    assertThat(
            Cli.run(
                    "db",
                    "update",
                    "--db",
                    db.toString(),
                    "--db-url",
                    base(""),
                    "--ecosystem",
                    "PyPI")
                .exitCode())
        .isZero();
    byte[] before = Files.readAllBytes(db);

    Cli.Result result =
        Cli.run(
            "db",
            "update",
            "--db",
            db.toString(),
            "--db-url",
            base("/broken"),
            "--ecosystem",
            "Go");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Go/all.zip").doesNotContain("\tat ");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    try (Stream<Path> left = Files.list(db.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("v.sqlite");
    }
  }

  @Test
  void nothingToDownloadChangesNothing() {
    Cli.Result result =
        Cli.run(
            "db",
            "update",
            "--db",
            dir.resolve("none/v.sqlite").toString(),
            "--db-url",
            base("/nowhere"),
            "--ecosystem",
            "Go");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no ecosystem export could be downloaded");
    assertThat(dir.resolve("none/v.sqlite")).doesNotExist();
  }

  @Test
  void offlineUpdateIsRefused() {
    Cli.Result result =
        Cli.run("db", "update", "--offline", "--db", dir.resolve("off/v.sqlite").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("db update needs the network", "db import");
  }

  @Test
  void exportUrlsFollowOsvsLayout() {
    OsvDownloader downloader = new OsvDownloader(java.net.URI.create("https://mirror.example/osv"));

    assertThat(downloader.urlFor("Red Hat"))
        .hasToString("https://mirror.example/osv/Red%20Hat/all.zip");
    assertThat(downloader.urlFor("crates.io"))
        .hasToString("https://mirror.example/osv/crates.io/all.zip");
    assertThat(List.of(OsvDownloader.DEFAULT_BASE.getScheme())).containsExactly("https");
  }
}
