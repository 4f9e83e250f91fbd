package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.GitCli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.RecordingApi;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code base-image check|update} against a real registry (Debian's docker-registry) holding
 * several tags of one repository, pushed from the real Debian test images: 12.5 is the image with
 * the old tzdata, 12.6 and 12 the upgraded one (so the update removes the tzdata advisory of the
 * test database), 12.6-slim the distroless image, 13.0 the Python one, 13.1-rc1 a prerelease.
 */
class BaseImageCommandTest extends ScanTestBase {

  private static Path registryDir;
  private static LocalRegistry registry;
  private static String debian;

  @BeforeAll
  static void populateRegistry() throws IOException, InterruptedException {
    registryDir = Files.createTempDirectory("portcullis-base-images");
    registry = LocalRegistry.start(registryDir, null);
    String layout = "oci:" + TestImages.ociLayout();
    push(layout + ":debian", "12.5", "moving");
    push(layout + ":debian-next", "12.6", "12", "bookworm");
    push(layout + ":distroless", "12.6-slim", "12.5-slim");
    push(layout + ":python", "13.0", "13", "13.1-rc1", "latest");
    debian = registry.host() + "/library/debian";
  }

  private static void push(String source, String... tags) throws IOException, InterruptedException {
    for (String tag : tags) {
      registry.push(source, "library/debian:" + tag, null);
    }
  }

  @AfterAll
  static void stopRegistry() throws IOException, InterruptedException {
    registry.close();
    try (Stream<Path> files = Files.walk(registryDir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  private Cli.Result baseImage(String... args) {
    List<String> all = new ArrayList<>(List.of("base-image"));
    all.addAll(List.of(args));
    all.addAll(List.of("--insecure-registry", "--no-cache", "--db", db.toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  private static JsonNode json(Cli.Result result) throws IOException {
    assertThat(result.err()).doesNotContain("\tat ");
    return new ObjectMapper().readTree(result.out());
  }

  private static JsonNode check(JsonNode report, int line) {
    for (JsonNode check : report.get("checks")) {
      if (check.get("line").asInt() == line) {
        return check;
      }
    }
    throw new AssertionError("no check of line " + line + " in " + report);
  }

  @Test
  void proposesTheNewestCompatibleTagAndTheNewestMajorSeparately() throws IOException {
    Path dockerfile =
        write(
            "Dockerfile",
            """
            # build on Debian
            FROM %1$s:12.5 AS build
            RUN true
            FROM %1$s:12.5-slim
            FROM %1$s:12
            FROM %1$s:latest
            """
                .formatted(debian));
    Cli.Result result = baseImage("check", dockerfile.toString(), "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = json(result);
    JsonNode build = check(report, 2);
    assertThat(build.get("stage").asText()).isEqualTo("build");
    assertThat(build.at("/update/tag").asText()).isEqualTo("12.6");
    assertThat(build.at("/majorUpdate/tag").asText()).isEqualTo("13.0");
    assertThat(build.at("/update/digest").asText()).startsWith("sha256:");
    assertThat(check(report, 4).at("/update/tag").asText()).isEqualTo("12.6-slim");
    assertThat(check(report, 4).has("majorUpdate")).isFalse();
    assertThat(check(report, 5).has("update")).as("12 has majors only").isFalse();
    assertThat(check(report, 5).at("/majorUpdate/tag").asText()).isEqualTo("13");
    assertThat(check(report, 6).get("note").asText()).contains("not a version");
  }

  @Test
  void prereleasesOnlyWhenAsked() throws IOException {
    Path dockerfile = write("Dockerfile", "FROM " + debian + ":13.0\n");
    assertThat(
            check(json(baseImage("check", dockerfile.toString(), "-f", "json")), 1).has("update"))
        .isFalse();
    JsonNode withPrereleases =
        check(json(baseImage("check", dockerfile.toString(), "--prereleases", "-f", "json")), 1);
    assertThat(withPrereleases.at("/update/tag").asText()).isEqualTo("13.1-rc1");
  }

  @Test
  void aPinnedDigestTheTagNoLongerNamesIsAMovedTag() throws IOException, InterruptedException {
    String oldDigest =
        check(
                json(
                    baseImage(
                        "check",
                        write("A", "FROM " + debian + ":moving\n").toString(),
                        "-f",
                        "json")),
                1)
            .get("digest")
            .asText();
    Path dockerfile = write("Dockerfile", "FROM " + debian + ":moving@" + oldDigest + "\n");
    JsonNode before = check(json(baseImage("check", dockerfile.toString(), "-f", "json")), 1);
    assertThat(before.get("tagMoved").asBoolean()).isFalse();
    registry.push("oci:" + TestImages.ociLayout() + ":debian-next", "library/debian:moving", null);
    Cli.Result moved = baseImage("check", dockerfile.toString(), "--exit-code", "1");
    assertThat(moved.exitCode()).isEqualTo(1);
    assertThat(moved.out()).contains("tag moved");
    Cli.Result update = baseImage("update", dockerfile.toString(), "--write");
    assertThat(update.exitCode()).as(update.err()).isZero();
    assertThat(Files.readString(dockerfile))
        .startsWith("FROM " + debian + ":moving@sha256:")
        .doesNotContain(oldDigest);
  }

  @Test
  void scanReportsTheVulnerabilitiesTheUpdateRemoves() throws IOException {
    Path dockerfile = write("Dockerfile", "FROM " + debian + ":12.5\n");
    Cli.Result result = baseImage("check", dockerfile.toString(), "--scan", "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode update = check(json(result), 1).get("update");
    assertThat(update.at("/delta/removedBySeverity/HIGH").asInt()).isEqualTo(1);
    assertThat(update.at("/delta/removed").toString()).contains("tzdata");
    assertThat(update.at("/delta/added")).isEmpty();
    Cli.Result markdown = baseImage("update", dockerfile.toString(), "--scan", "-f", "markdown");
    assertThat(markdown.out())
        .contains("## Base image updates")
        .contains("| `" + debian + ":12.5` | `" + debian + ":12.6` |")
        .contains("-1 HIGH")
        .contains("Major updates available (not applied)");
  }

  @Test
  void updateRewritesOnlyTheImageAndKeepsEverythingElse() throws IOException {
    String original =
        """
        # syntax=docker/dockerfile:1
        ARG APP=shop
        # the build stage
        FROM --platform=$BUILDPLATFORM %1$s:12.5   AS   build\r
        RUN echo %1$s:12.5 > /note
        FROM %1$s:12.6-slim
        COPY --from=build /note /note
        """
            .formatted(debian);
    Path dockerfile = write("Dockerfile", original);
    Cli.Result dryRun = baseImage("update", dockerfile.toString());
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Dry run");
    assertThat(Files.readString(dockerfile)).isEqualTo(original);
    Cli.Result written = baseImage("update", dockerfile.toString(), "--write");
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(Files.readString(dockerfile))
        .isEqualTo(
            original.replace(
                "$BUILDPLATFORM " + debian + ":12.5", "$BUILDPLATFORM " + debian + ":12.6"));
    Cli.Result major =
        baseImage("update", dockerfile.toString(), "--write", "--major", "--pin-digest");
    assertThat(major.exitCode()).as(major.err()).isZero();
    String text = Files.readString(dockerfile);
    assertThat(text).contains(debian + ":13.0@sha256:").contains(debian + ":12.6-slim@sha256:");
    assertThat(text).contains("RUN echo " + debian + ":12.5 > /note");
  }

  @Test
  void imagesThatCannotBeCheckedAreReportedPerLineAndTheOthersStillChecked() throws IOException {
    Path dockerfile =
        write(
            "Dockerfile",
            """
            ARG BASE
            FROM ${BASE}
            FROM %1$s/library/nothing:1.0
            FROM %2$s:12.5
            """
                .formatted(registry.host(), debian));
    Cli.Result result = baseImage("check", dockerfile.toString(), "-f", "json");
    assertThat(result.exitCode()).isEqualTo(2);
    JsonNode report = json(result);
    assertThat(check(report, 2).get("problem").asText())
        .contains("build arguments")
        .contains("BASE");
    assertThat(check(report, 3).get("problem").asText()).contains("not found");
    assertThat(check(report, 4).at("/update/tag").asText()).isEqualTo("12.6");
  }

  @Test
  void updateCommitsOnANewBranchAndPushesIt() throws IOException {
    Path origin = dir.resolve("origin.git");
    new GitCli(dir).run("init", "-q", "--bare", origin.toString());
    Path clone = dir.resolve("app");
    Files.createDirectories(clone);
    GitCli git = new GitCli(clone);
    git.run("init", "-q", "-b", "main");
    String original = "# the app\nFROM " + debian + ":12.5 AS build\n";
    Files.writeString(clone.resolve("Dockerfile"), original);
    git.run("add", "Dockerfile");
    git.run("commit", "-q", "-m", "first");
    git.run("remote", "add", "origin", origin.toString());
    // An edit not committed yet stays out of the bot's commit.
    String edited = original + "RUN make\n";
    Files.writeString(clone.resolve("Dockerfile"), edited);
    Cli.Result result =
        baseImage(
            "update",
            clone.toString(),
            "--git-branch",
            "portcullis/base-images",
            "--push",
            "--scan");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("Committed on branch portcullis/base-images");
    assertThat(Files.readString(clone.resolve("Dockerfile"))).isEqualTo(edited);
    assertThat(git.run("status", "--porcelain")).isEqualTo(" M Dockerfile");
    assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
    assertThat(git.run("show", "portcullis/base-images:Dockerfile"))
        .isEqualTo(("# the app\nFROM " + debian + ":12.6 AS build").stripTrailing());
    String message = git.run("log", "-1", "--format=%B", "portcullis/base-images");
    assertThat(message)
        .startsWith("Update base image debian to 12.6")
        .contains("Dockerfile:2 (build): " + debian + ":12.5 -> " + debian + ":12.6")
        .contains("vulnerabilities: -1 HIGH");
    assertThat(new GitCli(origin).run("branch", "--list", "portcullis/base-images"))
        .contains("portcullis/base-images");
    Cli.Result again =
        baseImage("update", clone.toString(), "--git-branch", "portcullis/base-images");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("branch portcullis/base-images already exists");
  }

  @Test
  void updateOpensAPullRequestWithTheSummary() throws IOException, InterruptedException {
    Path clone = dir.resolve("app");
    Files.createDirectories(clone);
    GitCli git = new GitCli(clone);
    git.run("init", "-q", "-b", "main");
    Files.writeString(clone.resolve("Dockerfile"), "FROM " + debian + ":12.5\n");
    git.run("add", "Dockerfile");
    git.run("commit", "-q", "-m", "first");
    try (RecordingApi api = new RecordingApi()) {
      api.answer(201, "{\"html_url\":\"https://github.example/org/app/pull/7\"}");
      Cli.Result result =
          CliProcess.run(
              Map.of("PORTCULLIS_FORGE_TOKEN", "t0ken-never-shown"),
              "base-image",
              "update",
              clone.resolve("Dockerfile").toString(),
              "--insecure-registry",
              "--no-cache",
              "--git-branch",
              "portcullis/base-images",
              "--open-pr",
              "github",
              "--forge-api",
              api.base("").toString(),
              "--forge-repo",
              "org/app");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out())
          .contains("Opened https://github.example/org/app/pull/7")
          .doesNotContain("t0ken");
      RecordingApi.Recorded request = api.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.rawPath()).isEqualTo("/repos/org/app/pulls");
      assertThat(request.headers().get("authorization")).isEqualTo("Bearer t0ken-never-shown");
      assertThat(request.body().get("head").asText()).isEqualTo("portcullis/base-images");
      assertThat(request.body().get("base").asText()).isEqualTo("main");
      assertThat(request.body().get("title").asText())
          .isEqualTo("Update base image debian to 12.6");
      assertThat(request.body().get("body").asText())
          .contains("## Base image updates")
          .contains(debian + ":12.6");
    }
  }

  @Test
  void aPullRequestNeedsABranchAndAToken() throws IOException {
    Path dockerfile = write("Dockerfile", "FROM " + debian + ":12.5\n");
    Cli.Result noBranch = baseImage("update", dockerfile.toString(), "--open-pr", "github");
    assertThat(noBranch.exitCode()).isEqualTo(2);
    assertThat(noBranch.err()).contains("need --git-branch");
    Cli.Result badBranch = baseImage("update", dockerfile.toString(), "--git-branch", "a..b");
    assertThat(badBranch.exitCode()).isEqualTo(2);
    assertThat(Files.readString(dockerfile)).isEqualTo("FROM " + debian + ":12.5\n");
  }

  @Test
  void anImageFromBuildArgumentsIsCheckedButItsArgumentIsWhatToUpdate() throws IOException {
    String text = "ARG DEBIAN=%s\nARG TAG=12.5\nFROM ${DEBIAN}:${TAG}\n".formatted(debian);
    Path dockerfile = write("Dockerfile", text);
    JsonNode check = check(json(baseImage("check", dockerfile.toString(), "-f", "json")), 3);
    assertThat(check.get("image").asText()).isEqualTo(debian + ":12.5");
    assertThat(check.at("/update/tag").asText()).isEqualTo("12.6");
    Cli.Result table = baseImage("update", dockerfile.toString(), "--write");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("update their defaults").contains("Nothing to change");
    assertThat(Files.readString(dockerfile)).isEqualTo(text);
  }

  @Test
  void aPrivateRegistryWithoutCredentialsIsAProblemOfItsLineOnly()
      throws IOException, InterruptedException {
    Path privateDir = dir.resolve("private");
    try (LocalRegistry locked =
        LocalRegistry.start(privateDir, LocalRegistry.htpasswdAuth(dir, "ci", "s3cret-pass"))) {
      locked.push(
          "oci:" + TestImages.ociLayout() + ":debian", "team/debian:12.5", "ci:s3cret-pass");
      Path dockerfile =
          write(
              "Dockerfile",
              "FROM " + locked.host() + "/team/debian:12.5\nFROM " + debian + ":12.5\n");
      Cli.Result result =
          CliProcess.run(
              Map.of("DOCKER_CONFIG", dir.resolve("no-docker-config").toString()),
              "base-image",
              "check",
              dockerfile.toString(),
              "--insecure-registry",
              "-f",
              "json");
      assertThat(result.exitCode()).isEqualTo(2);
      JsonNode report = json(result);
      assertThat(check(report, 1).get("problem").asText()).contains("requires a login");
      assertThat(check(report, 2).at("/update/tag").asText()).isEqualTo("12.6");
    }
  }

  @Test
  void offlineIsRefused() throws IOException {
    Path dockerfile = write("Dockerfile", "FROM " + debian + ":12.5\n");
    Cli.Result offline = baseImage("check", dockerfile.toString(), "--offline");
    assertThat(offline.exitCode()).isEqualTo(2);
    assertThat(offline.err()).contains("--offline");
  }
}
