package dev.portcullis.cli;

import dev.portcullis.submit.ReportUploader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --server URL}: upload the scan's JSON report to a Portcullis server after the scan. */
final class ServerUploadOptions {

  /** The environment variable the token comes from; never a flag, so it stays out of ps. */
  static final String TOKEN_VARIABLE = "PORTCULLIS_TOKEN";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "After the scan, upload its JSON report to this Portcullis server, with the API token in"
              + " the PORTCULLIS_TOKEN environment variable (scope submit). A failed upload is"
              + " exit code 2; otherwise the exit code is the gate's.")
  String server;

  @Option(
      names = "--server-repository",
      paramLabel = "NAME",
      description =
          "File the upload under this repository (registry.example.com/team/app) rather than the"
              + " image's own name.")
  String repository;

  @Option(
      names = "--server-tag",
      paramLabel = "TAG",
      description = "File the upload under this tag rather than the image's own.")
  String tag;

  /**
   * The uploader, checked before any scan: a usage error costs no work.
   *
   * @return null without {@code --server}
   */
  ReportUploader uploader(Map<String, String> environment) {
    if (server == null) {
      if (repository != null || tag != null) {
        throw new UsageException("--server-repository and --server-tag need --server");
      }
      return null;
    }
    URI url;
    try {
      url = ReportUploader.serverUrl(server);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    String token = environment.get(TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      throw new UsageException(
          "--server needs an API token with the 'submit' scope in the "
              + TOKEN_VARIABLE
              + " environment variable ('portcullis serve token create --scope submit')");
    }
    return new ReportUploader(url, token.strip(), TIMEOUT);
  }
}
