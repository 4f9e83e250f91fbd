package dev.portcullis.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * One call of the OCI distribution API: what it is for, its method and route, what it accepts and
 * how it reads a successful answer. Authentication, redirects and errors live in {@link
 * RegistryClient}.
 */
interface RegistryEndpoint<T> {

  /** Says what is being attempted, for errors: "pull manifest 12 of localhost:5000/debian". */
  String action();

  /** The path after {@code /v2/}. */
  String route();

  List<String> accept();

  /** Reads a 2xx answer. Owns the body stream and must close it unless it hands it on. */
  T handle(HttpResponse<InputStream> response) throws IOException;

  /**
   * The bytes the call moves, as far as known before it is made (a blob's size from its manifest,
   * else the most an answer is read to): its deadline grows with them. See {@link
   * RegistryTimeouts}.
   */
  default long expectedBytes() {
    return 0;
  }

  /** The HTTP method; GET unless the endpoint writes. */
  default String method() {
    return "GET";
  }

  /** What the request sends, or null for nothing; sent again if an auth challenge intervenes. */
  default byte[] body() {
    return null;
  }

  /** The media type of {@link #body()}. */
  default String contentType() {
    return "application/octet-stream";
  }

  /**
   * Where the request goes, given the registry's {@code /v2/} base: the route under it, unless the
   * endpoint was handed a location of the registry's own (an upload session).
   */
  default URI target(URI v2) {
    return URI.create(v2 + route());
  }

  /**
   * Whether a 404 is an answer ({@link #absent()}), not an error: asking whether something exists.
   */
  default boolean absentIsAnswer() {
    return false;
  }

  /** The answer when the registry says 404 and that is an answer. */
  default T absent() {
    return null;
  }
}
