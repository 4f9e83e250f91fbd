package dev.portcullis.vulndb;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads the {@code ECOSYSTEM/all.zip} files OSV publishes, from OSV's bucket or any mirror with
 * the same layout (an air-gapped user's own web server, for one).
 */
public final class OsvDownloader {

  /** Where OSV publishes its per-ecosystem exports. */
  public static final URI DEFAULT_BASE =
      URI.create("https://osv-vulnerabilities.storage.googleapis.com/");

  private final URI base;
  private final HttpClient http;

  public OsvDownloader(URI base) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The address of one ecosystem's export. */
  public URI urlFor(String ecosystem) {
    return base.resolve(
        URLEncoder.encode(ecosystem, StandardCharsets.UTF_8).replace("+", "%20") + "/all.zip");
  }

  /**
   * Downloads one ecosystem's export into {@code file}.
   *
   * @return false if the mirror has no export for the ecosystem (404)
   */
  public boolean download(String ecosystem, Path file) throws IOException {
    URI url = urlFor(ecosystem);
    String action = "download " + url;
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new InputException(
          action + ": cannot connect (offline? point --db-url at a mirror, or use db import)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(action + ": interrupted", e);
    } catch (IOException e) {
      throw new InputException(action + ": " + e.getMessage(), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() == 404) {
        return false;
      }
      if (response.statusCode() != 200) {
        throw new InputException(action + ": the server answered " + response.statusCode());
      }
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (InputException e) {
      throw e;
    } catch (IOException e) {
      throw new InputException(action + ": the download broke off (" + e.getMessage() + ")", e);
    }
  }
}
