package dev.portcullis.analyzer.java;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.JavaApps;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives as the Maven plugins build them: a Spring Boot fat jar (spring-boot-maven-plugin) and a
 * shaded jar (maven-shade-plugin), made from Maven Central artifacts by scripts/build-java-apps.sh.
 * Trivy offers no comparison here: it names jars through its Java database, which this machine
 * cannot download, and offline it reports no jar at all.
 */
class MavenBuiltArchivesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private List<JsonNode> inventoryOfImageWith(String path, Path jar) throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer("base", file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .layer("COPY app", file(path, Files.readAllBytes(jar)))
        .writeTo(layout, "v1");
    Cli.Result result = Cli.run("sbom", "image", "oci:" + layout, "--no-cache", "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode document = JSON.readTree(result.out());
    assertThat(document.path("warnings")).isEmpty();
    List<JsonNode> packages = new ArrayList<>();
    document.path("packages").forEach(packages::add);
    return packages;
  }

  @Test
  void springBootFatJarYieldsEveryLibraryMavenPutInIt() throws IOException {
    List<JsonNode> packages = inventoryOfImageWith("app/app.jar", JavaApps.springBootJar());

    // Spring Boot leaves its starters, jars with nothing but a pom, out of the fat jar.
    List<JavaApps.Dependency> bundled =
        JavaApps.springBootDependencies().stream()
            .filter(d -> !d.artifactId().startsWith("spring-boot-starter"))
            .toList();
    assertThat(bundled).hasSizeGreaterThan(20);
    for (JavaApps.Dependency dependency : bundled) {
      String location =
          "app/app.jar!/BOOT-INF/lib/"
              + dependency.artifactId()
              + "-"
              + dependency.version()
              + ".jar";
      JsonNode found =
          packages.stream()
              .filter(p -> p.path("foundIn").asText().equals(location))
              .findFirst()
              .orElseThrow(() -> new AssertionError("nothing found at " + location));
      assertThat(found.path("version").asText()).as(location).isEqualTo(dependency.version());
      if (found.has("evidence")) {
        // Gradle-built jars (Spring's own) carry no pom.properties: the manifest confirms the
        // version, the file name gives the artifactId, and no group is guessed.
        assertThat(found.path("name").asText()).as(location).endsWith(dependency.artifactId());
      } else {
        assertThat(found.path("name").asText())
            .isEqualTo(dependency.groupId() + ":" + dependency.artifactId());
      }
    }
    assertThat(packages)
        .anySatisfy(
            p -> {
              assertThat(p.path("name").asText())
                  .isEqualTo("dev.portcullis.fixtures:spring-boot-app");
              assertThat(p.path("foundIn").asText()).isEqualTo("app/app.jar");
            });
  }

  @Test
  void everyNestedArchiveRecordsItsOwnSha1() throws IOException {
    List<JsonNode> packages = inventoryOfImageWith("app/app.jar", JavaApps.springBootJar());

    JsonNode log4j =
        packages.stream()
            .filter(p -> p.path("name").asText().equals("org.apache.logging.log4j:log4j-core"))
            .findFirst()
            .orElseThrow();
    Path realJar =
        Path.of(System.getProperty("portcullis.testJars", "target/test-jars"))
            .resolve("log4j-core-2.14.1.jar");
    assertThat(log4j.path("sha1").asText()).isEqualTo(sha1(realJar));
    JsonNode application =
        packages.stream()
            .filter(p -> p.path("foundIn").asText().equals("app/app.jar"))
            .findFirst()
            .orElseThrow();
    assertThat(application.path("sha1").asText()).isEqualTo(sha1(JavaApps.springBootJar()));
  }

  @Test
  void shadedJarReportsWhatItsMetadataNamesAndNothingUnderItsOwnName() throws IOException {
    List<JsonNode> packages =
        inventoryOfImageWith("opt/tool/shaded-tool-2.3.0.jar", JavaApps.shadedJar());

    List<String> found =
        packages.stream()
            .filter(p -> p.path("foundIn").asText().startsWith("opt/tool/"))
            .map(p -> p.path("name").asText() + " " + p.path("version").asText())
            .toList();
    // Gson 2.8.6 is inside, relocated and with its metadata filtered out: nothing names it, and
    // it must not appear as a second package under the tool's coordinates either.
    assertThat(found)
        .containsExactlyInAnyOrder(
            "dev.portcullis.fixtures:shaded-tool 2.3.0",
            "org.apache.commons:commons-text 1.9",
            "org.apache.commons:commons-lang3 3.11");
    JsonNode tool =
        packages.stream()
            .filter(p -> p.path("name").asText().equals("dev.portcullis.fixtures:shaded-tool"))
            .findFirst()
            .orElseThrow();
    // Of the three pom.properties, the file name tells which one is the archive's own.
    assertThat(tool.path("sha1").asText()).isEqualTo(sha1(JavaApps.shadedJar()));
    // The bundled libraries' classes are in the tool's archive, not an archive of their own.
    assertThat(
            packages.stream()
                .filter(p -> p.path("name").asText().startsWith("org.apache.commons:"))
                .filter(p -> p.has("sha1")))
        .isEmpty();
  }

  @Test
  void aProjectDirectoryWithBuiltJarsIsScannedToo() {
    Cli.Result result =
        Cli.run(
            "sbom",
            "fs",
            JavaApps.shadedJar().getParent().toString(),
            "--no-cache",
            "-f",
            "cyclonedx");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "pkg:maven/org.apache.commons/commons-text@1.9",
            "\"alg\" : \"SHA-1\"",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
  }

  @Test
  void aLibraryKnownByArtifactIdIsMatchedUnderTheOneGroupWithAdvisories() throws IOException {
    Path records = dir.resolve("records");
    Files.createDirectories(records);
    // Written by this test: one advisory for Spring's spring-core (whose jars carry no
    // pom.properties), and two groups with advisories for an artifact named tomcat-embed-el, where
    // no group may be guessed.
    Files.writeString(
        records.resolve("spring.json"),
        """
        {"id":"TEST-SPRING-1","modified":"2026-01-01T00:00:00Z","summary":"test advisory",
         "affected":[{"package":{"ecosystem":"Maven","name":"org.springframework:spring-core"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"7.0.0"},{"fixed":"7.0.99"}]}]}]}
        """);
    Files.writeString(
        records.resolve("el.json"),
        """
        {"id":"TEST-EL-1","modified":"2026-01-01T00:00:00Z","summary":"test advisory",
         "affected":[
           {"package":{"ecosystem":"Maven","name":"org.apache.tomcat.embed:tomcat-embed-el"},
            "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]},
           {"package":{"ecosystem":"Maven","name":"org.example.fork:tomcat-embed-el"},
            "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}
        """);
    Path db = dir.resolve("v.sqlite");
    assertThat(Cli.run("db", "import", records.toString(), "--db", db.toString()).exitCode())
        .isZero();
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer("base", file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .layer("COPY app", file("app/app.jar", Files.readAllBytes(JavaApps.springBootJar())))
        .writeTo(layout, "v1");

    Cli.Result result =
        Cli.run(
            "scan", "image", "oci:" + layout, "--no-cache", "--db", db.toString(), "-f", "json");

    JsonNode findings = JSON.readTree(result.out()).path("findings");
    assertThat(findings.findValuesAsText("vulnerabilityId")).containsExactly("TEST-SPRING-1");
    assertThat(findings.path(0).path("packageName").asText()).isEqualTo("spring-core");
    assertThat(findings.path(0).path("note").asText())
        .contains("org.springframework:spring-core is the only package with advisories");
  }

  private static String sha1(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-1"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
