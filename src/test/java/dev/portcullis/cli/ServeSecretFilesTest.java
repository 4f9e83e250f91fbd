package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.ServeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --db-password-file} and {@code --webhook-secret-file}: secrets mounted as files (a
 * Kubernetes Secret volume) rather than passed in the environment.
 */
class ServeSecretFilesTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  private static ServeCommand.StoreOptions postgres(Path passwordFile) {
    ServeCommand.StoreOptions options = new ServeCommand.StoreOptions();
    options.jdbcUrl = "jdbc:postgresql://postgres.example:5432/portcullis";
    options.user = "portcullis";
    options.passwordFile = passwordFile;
    return options;
  }

  @Test
  void theDatabasePasswordIsTheFileLessOneTrailingNewline() throws Exception {
    Path mounted = Files.writeString(dir.resolve("password"), "s3cret \n");
    Path twoLines = Files.writeString(dir.resolve("two"), "s3cret\n\n");
    Path windows = Files.writeString(dir.resolve("crlf"), "s3cret\r\n");

    assertThat(postgres(mounted).location().password()).isEqualTo("s3cret ");
    assertThat(postgres(twoLines).location().password()).isEqualTo("s3cret\n");
    assertThat(postgres(windows).location().password()).isEqualTo("s3cret");
    assertThat(postgres(null).password("from-env")).isEqualTo("from-env");
  }

  @Test
  void aPasswordFileAndThePasswordVariableTogetherAreAUsageError() throws Exception {
    Path mounted = Files.writeString(dir.resolve("password"), "s3cret\n");

    assertThatThrownBy(() -> postgres(mounted).password("from-env"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--db-password-file and PORTCULLIS_DB_PASSWORD both give");
    Cli.Result both =
        CliProcess.run(
            Map.of("PORTCULLIS_DB_PASSWORD", "from-env"),
            "serve",
            "token",
            "create",
            "--db-url",
            "jdbc:postgresql://127.0.0.1:1/portcullis",
            "--db-password-file",
            mounted.toString(),
            "--name",
            "ci",
            "--scope",
            "read");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("unset PORTCULLIS_DB_PASSWORD or leave out --db-password-file");
    assertThat(both.err()).doesNotContain("s3cret").doesNotContain("from-env");
  }

  @Test
  void anUnreadableOrEmptyPasswordFileIsAUsageError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    String url = "jdbc:postgresql://127.0.0.1:1/portcullis";

    Cli.Result missing =
        Cli.run(
            "serve",
            "--db-url",
            url,
            "--db-password-file",
            dir.resolve("absent").toString(),
            "--data-dir",
            dir.resolve("data").toString());
    Cli.Result blank = Cli.run("serve", "--db-url", url, "--db-password-file", empty.toString());
    Cli.Result directory = Cli.run("serve", "--db-url", url, "--db-password-file", dir.toString());
    Cli.Result noUrl =
        Cli.run(
            "serve",
            "--data-dir",
            dir.resolve("data").toString(),
            "--db-password-file",
            empty.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .contains("--db-password-file: cannot read " + dir.resolve("absent") + " (no such file)");
    assertThat(blank.exitCode()).isEqualTo(2);
    assertThat(blank.err()).contains("--db-password-file: " + empty + " is empty");
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).contains("--db-password-file: cannot read " + dir);
    assertThat(noUrl.exitCode()).isEqualTo(2);
    assertThat(noUrl.err()).contains("--db-password-file needs --db-url");
  }

  @Test
  void theWebhookSecretFileIsWhatTheServerAccepts() throws Exception {
    Path mounted = Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");

    try (ServeProcess server =
        ServeProcess.start(
            dir,
            List.of(
                "--data-dir",
                dir.resolve("data").toString(),
                "--webhook-secret-file",
                mounted.toString()))) {
      // A payload that is no notification: past the secret check it is a 400, before it a 401.
      HttpResponse<String> right = notify(server, SECRET);
      HttpResponse<String> prefixed = notify(server, "Bearer " + SECRET);
      HttpResponse<String> wrong = notify(server, "not-the-secret-not-the-secret");

      assertThat(right.statusCode()).as(right.body() + server.errors()).isEqualTo(400);
      assertThat(prefixed.statusCode()).isEqualTo(401);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(server.errors()).doesNotContain(SECRET);
    }
  }

  @Test
  void aWebhookSecretGivenTwiceOrUnreadableIsAUsageError() throws Exception {
    Path mounted = Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");
    Path shortSecret = Files.writeString(dir.resolve("short"), "short\n");
    String data = dir.resolve("data").toString();

    Cli.Result bothOptions =
        Cli.run(
            "serve",
            "--data-dir",
            data,
            "--webhook-secret-file",
            mounted.toString(),
            "--webhook-secret-env",
            "PORTCULLIS_WEBHOOK_SECRET");
    Cli.Result fileAndVariable =
        CliProcess.run(
            Map.of("PORTCULLIS_WEBHOOK_SECRET", SECRET),
            "serve",
            "--data-dir",
            data,
            "--webhook-secret-file",
            mounted.toString());
    Cli.Result missing =
        Cli.run(
            "serve", "--data-dir", data, "--webhook-secret-file", dir.resolve("absent").toString());
    Cli.Result tooShort =
        Cli.run("serve", "--data-dir", data, "--webhook-secret-file", shortSecret.toString());

    assertThat(bothOptions.exitCode()).isEqualTo(2);
    assertThat(bothOptions.err())
        .contains("--webhook-secret-file and --webhook-secret-env: give the secret one way");
    assertThat(fileAndVariable.exitCode()).isEqualTo(2);
    assertThat(fileAndVariable.err())
        .contains("unset PORTCULLIS_WEBHOOK_SECRET or leave out --webhook-secret-file")
        .doesNotContain(SECRET);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--webhook-secret-file: cannot read");
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.err()).contains("at least 16 characters");
  }

  private static HttpResponse<String> notify(ServeProcess server, String secret) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/hooks/distribution"))
                .header("Content-Type", "application/json")
                .header("X-Portcullis-Webhook-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\": 7}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
