package dev.portcullis.registry;

import java.io.IOException;
import java.io.InputStream;
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
}
