package dev.portcullis.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to one repository of one registry: the auth challenge (anonymous, Bearer token, Basic),
 * redirects (never forwarding credentials to another host) and error answers, once for all
 * endpoints.
 */
public final class RegistryClient {

  private static final int MAX_REDIRECTS = 5;

  /** A token answer is a small JSON document. */
  private static final long MAX_TOKEN_BYTES = 1024 * 1024;

  /** Rate-limited (429) calls are retried this often, after the wait the registry asks for. */
  private static final int RATE_LIMIT_RETRIES = 3;

  /** A registry that asks to wait longer than this is not waited for: the user hears so. */
  private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);

  private final ImageReference reference;
  private final String scheme;
  private final Credentials credentials;
  private final RegistryTimeouts timeouts;
  private final HttpClient http;
  private String authorization;

  /**
   * @param insecure use plain HTTP
   * @param credentials for this registry, or null for anonymous access
   */
  public RegistryClient(
      ImageReference reference,
      boolean insecure,
      Credentials credentials,
      RegistryTimeouts timeouts) {
    this.reference = reference;
    this.scheme = insecure ? "http" : "https";
    this.credentials = credentials;
    this.timeouts = timeouts;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client with the default timeouts. */
  public RegistryClient(ImageReference reference, boolean insecure, Credentials credentials) {
    this(reference, insecure, credentials, RegistryTimeouts.defaults());
  }

  /**
   * A client for an image's repository: with the credentials given, else the Docker config's for
   * that registry, else anonymous.
   *
   * @param given credentials the user named for this image, or null
   */
  public static RegistryClient forImage(
      ImageReference image, boolean insecure, Credentials given, RegistryTimeouts timeouts)
      throws IOException {
    Credentials credentials =
        given != null ? given : DockerConfig.load().credentialsFor(image.registry()).orElse(null);
    return new RegistryClient(image, insecure, credentials, timeouts);
  }

  public ImageReference reference() {
    return reference;
  }

  <T> T call(RegistryEndpoint<T> endpoint) throws IOException {
    URI uri;
    try {
      uri = endpoint.target(URI.create(scheme + "://" + reference.apiHost() + "/v2/"));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          endpoint.action() + ": the registry named a malformed address (" + e.getMessage() + ")");
    }
    for (int attempt = 0; ; attempt++) {
      // Each attempt has the whole deadline: a wait the registry asked for is not its slowness.
      RegistryWait waited = new RegistryWait(timeouts, endpoint.expectedBytes());
      HttpResponse<InputStream> response = send(endpoint, uri, authorization, waited);
      if (response.statusCode() == 401) {
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
        response.body().close();
        if (challenge == null) {
          throw new InputException(
              endpoint.action()
                  + ": the registry answered 401 without an authentication challenge");
        }
        authorization = authorize(AuthChallenge.parse(challenge), endpoint, waited);
        response = send(endpoint, uri, authorization, waited);
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return endpoint.handle(response);
      }
      if (status == 404 && endpoint.absentIsAnswer()) {
        response.body().close();
        return endpoint.absent();
      }
      if (status == 429) {
        Duration wait = retryWait(response, attempt);
        String detail = errorDetail(response);
        if (attempt < RATE_LIMIT_RETRIES && wait.compareTo(MAX_RETRY_WAIT) <= 0) {
          pause(endpoint, wait);
          continue;
        }
        throw new RegistryUnavailableException(
            endpoint.action()
                + ": rate limited by the registry (429"
                + detail.replaceFirst("^: ", ": ")
                + ") "
                + (attempt + 1)
                + " times; "
                + (wait.compareTo(MAX_RETRY_WAIT) > 0
                    ? "it asks to wait " + wait.toSeconds() + " s; "
                    : "")
                + "try again later, or log in (docker login): registries such as Docker Hub"
                + " allow logged-in users more pulls");
      }
      String detail = errorDetail(response);
      if (status >= 500) {
        throw new RegistryUnavailableException(endpoint.action() + ": " + explain(status) + detail);
      }
      throw new InputException(endpoint.action() + ": " + explain(status) + detail);
    }
  }

  /** The wait a 429 answer asks for (Retry-After, in seconds), else 1, 2, 4 … seconds. */
  private static Duration retryWait(HttpResponse<InputStream> response, int attempt) {
    String retryAfter = response.headers().firstValue("Retry-After").orElse("").strip();
    if (retryAfter.matches("[0-9]{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(retryAfter));
    }
    return Duration.ofSeconds(1L << Math.min(attempt, 5));
  }

  private static void pause(RegistryEndpoint<?> endpoint, Duration wait) throws InputException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(endpoint.action() + ": interrupted", e);
    }
  }

  private HttpResponse<InputStream> send(
      RegistryEndpoint<?> endpoint, URI uri, String auth, RegistryWait wait) throws IOException {
    URI registry = registryUri();
    URI current = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      byte[] body = endpoint.body();
      HttpRequest.Builder request;
      try {
        request = HttpRequest.newBuilder(current);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            endpoint.action() + ": the registry named an address that cannot be used: " + current);
      }
      request.method(
          endpoint.method(),
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      if (body != null) {
        request.header("Content-Type", endpoint.contentType());
      }
      if (!endpoint.accept().isEmpty()) {
        request.header("Accept", String.join(", ", endpoint.accept()));
      }
      // Credentials go to the registry itself only: not to a host a redirect or an upload
      // location names, nor over a scheme it was not asked on.
      boolean sameHost =
          current.getScheme().equalsIgnoreCase(scheme)
              && current.getHost().equalsIgnoreCase(registry.getHost())
              && port(current) == port(registry);
      if (auth != null && sameHost) {
        request.header("Authorization", auth);
      }
      HttpResponse<InputStream> response =
          exchange(endpoint.action(), request, current, body == null ? 0 : body.length, wait);
      int status = response.statusCode();
      if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
        return response;
      }
      response.body().close();
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () -> new InputException(endpoint.action() + ": redirect without a Location"));
      try {
        current = current.resolve(location);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            endpoint.action() + ": the registry redirected to a malformed address");
      }
    }
    throw new InputException(endpoint.action() + ": more than " + MAX_REDIRECTS + " redirects");
  }

  private URI registryUri() {
    return URI.create(scheme + "://" + reference.apiHost() + "/");
  }

  /**
   * One request and its answer's headers, within the connect and read timeouts and what is left of
   * the operation's deadline; the answer's body comes watched for stalls.
   *
   * @param sentBytes the size of the request's body, which also takes time to send
   */
  private HttpResponse<InputStream> exchange(
      String action, HttpRequest.Builder request, URI uri, long sentBytes, RegistryWait wait)
      throws IOException {
    long remaining = wait.remainingNanos();
    if (remaining <= 0) {
      throw RegistryWait.stalled(uri, wait.exceeded(), action);
    }
    Duration answer =
        timeouts.connect().plus(timeouts.read()).plus(timeouts.atMinimumRate(sentBytes));
    boolean deadlineFirst = remaining < answer.toNanos();
    request.timeout(deadlineFirst ? Duration.ofNanos(remaining) : answer);
    long start = System.nanoTime();
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new WatchedResponse(response, new WatchedBody(response.body(), wait, uri, action));
    } catch (HttpConnectTimeoutException e) {
      throw RegistryWait.stalled(
          uri,
          "no connection within "
              + RegistryWait.seconds(timeouts.connect())
              + " s (--registry-connect-timeout)",
          action);
    } catch (HttpTimeoutException e) {
      throw RegistryWait.stalled(
          uri,
          deadlineFirst
              ? wait.exceeded()
              : "no answer within " + RegistryWait.seconds(answer) + " s (--registry-read-timeout)",
          action);
    } catch (ConnectException e) {
      throw new RegistryUnavailableException(
          action
              + ": cannot connect to "
              + RegistryWait.hostAndPort(uri)
              + (scheme.equals("https")
                  ? " (for a plain-HTTP registry add --insecure-registry)"
                  : ""),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(action + ": interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new InputException(action + ": cannot send a request to " + uri);
    } catch (IOException e) {
      throw new RegistryUnavailableException(
          action
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + (scheme.equals("https")
                  ? " (is it a plain-HTTP registry? add --insecure-registry)"
                  : ""),
          e);
    } finally {
      wait.charge(System.nanoTime() - start);
    }
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
  }

  private String authorize(AuthChallenge challenge, RegistryEndpoint<?> endpoint, RegistryWait wait)
      throws IOException {
    if (challenge.isBasic()) {
      if (credentials == null) {
        throw new InputException(
            endpoint.action()
                + ": the registry requires a login; give --username and --password or run docker login");
      }
      return credentials.basicHeader();
    }
    if (!challenge.isBearer() || challenge.parameters().get("realm") == null) {
      throw new InputException(
          endpoint.action()
              + ": unsupported authentication challenge '"
              + challenge.scheme()
              + "'");
    }
    return "Bearer " + fetchToken(challenge, endpoint, wait);
  }

  /**
   * The token flow of the distribution spec: GET realm?scope=…&service=…, Basic-authenticated if we
   * have credentials and the realm may have them.
   */
  private String fetchToken(
      AuthChallenge challenge, RegistryEndpoint<?> endpoint, RegistryWait wait) throws IOException {
    URI registry = registryUri();
    TokenRealm realm =
        TokenRealm.parse(challenge.parameters().get("realm"), registry, endpoint.action());
    String scope =
        Optional.ofNullable(challenge.parameters().get("scope"))
            .orElse("repository:" + reference.repository() + ":pull");
    URI uri = realm.request(scope, challenge.parameters().get("service"));
    String action = "fetch a token from " + realm + " for " + endpoint.action();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (credentials != null) {
      if (!realm.carriesCredentialsFor(registry)) {
        throw new InputException(
            action
                + ": the realm is plain HTTP on another host than the registry, and credentials"
                + " are never sent there; the registry's token service needs https");
      }
      request.header("Authorization", credentials.basicHeader());
    }
    HttpResponse<InputStream> response = exchange(action, request, uri, 0, wait);
    if (response.statusCode() != 200) {
      response.body().close();
      throw new InputException(action + ": " + explain(response.statusCode()));
    }
    JsonNode json = Json.tree(Json.readBounded(response.body(), MAX_TOKEN_BYTES, action), action);
    String token =
        json.hasNonNull("token")
            ? json.get("token").asText()
            : json.path("access_token").asText(null);
    if (token == null || token.isEmpty()) {
      throw new InputException(action + ": the answer holds no token");
    }
    return token;
  }

  private static String explain(int status) {
    return switch (status) {
      case 401 ->
          "authentication failed (401); check --username/--password or the docker login for this registry";
      case 403 -> "access denied (403)";
      case 404 -> "not found (404)";
      case 429 -> "rate limited by the registry (429); try again later or log in";
      default ->
          status >= 500 ? "the registry failed with " + status : "unexpected answer " + status;
    };
  }

  /** The first error message of a distribution-spec error body, if the body is one. */
  private static String errorDetail(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(16 * 1024);
      JsonNode json = Json.mapper().readTree(bytes);
      JsonNode first = json == null ? null : json.path("errors").path(0);
      if (first != null && first.hasNonNull("message")) {
        return ": " + first.path("code").asText("") + " " + first.get("message").asText();
      }
    } catch (IOException | RuntimeException e) {
      // Not a JSON error body; the status alone says enough.
    }
    return "";
  }
}
