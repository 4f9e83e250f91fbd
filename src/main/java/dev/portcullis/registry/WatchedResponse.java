package dev.portcullis.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** An answer whose body is watched for stalls; everything else is the answer as received. */
final class WatchedResponse implements HttpResponse<InputStream> {

  private final HttpResponse<InputStream> received;
  private final InputStream body;

  WatchedResponse(HttpResponse<InputStream> received, InputStream body) {
    this.received = received;
    this.body = body;
  }

  @Override
  public int statusCode() {
    return received.statusCode();
  }

  @Override
  public HttpRequest request() {
    return received.request();
  }

  @Override
  public Optional<HttpResponse<InputStream>> previousResponse() {
    return received.previousResponse();
  }

  @Override
  public HttpHeaders headers() {
    return received.headers();
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return received.sslSession();
  }

  @Override
  public URI uri() {
    return received.uri();
  }

  @Override
  public HttpClient.Version version() {
    return received.version();
  }
}
