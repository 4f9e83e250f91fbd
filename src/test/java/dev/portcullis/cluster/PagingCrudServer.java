package dev.portcullis.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's mock API server in CRUD mode, which ignores {@code limit} and {@code continue}, taught
 * to page lists as the real API server does, so that the reader's paging is exercised. It records
 * the list requests it served.
 */
public final class PagingCrudServer extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
  private final List<String> pagedLists = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile boolean endlessContinue;
  private volatile int refusal;
  private final AtomicInteger expiries = new AtomicInteger();

  /**
   * Settings that reach a mock server: a kubeconfig with a token, written to {@code kubeconfig}.
   */
  public static ClusterSettings settings(
      KubernetesMockServer server, String name, java.nio.file.Path kubeconfig)
      throws java.io.IOException {
    java.nio.file.Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: http://%s:%d
        users:
        - name: u
          user:
            token: t
        contexts:
        - name: c
          context:
            cluster: c
            user: u
        current-context: c
        """
            .formatted(server.getHostName(), server.getPort()));
    return new ClusterSettings(name, kubeconfig, null, java.util.List.of());
  }

  /** A started mock server (plain HTTP, like {@code kubectl proxy}) backed by this dispatcher. */
  public KubernetesMockServer start() {
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), this, false);
    server.init();
    return server;
  }

  /** The paths of the list requests that asked for a page. */
  List<String> pagedLists() {
    return pagedLists;
  }

  /** The Authorization header of each request, "" where there was none. */
  List<String> authorizations() {
    return authorizations;
  }

  /** From now on every request is answered with this status, as when RBAC is missing. */
  public void refuseWith(int code) {
    refusal = code;
  }

  /**
   * The next {@code count} continued pages answer 410 Gone, as when a token outlives etcd's
   * snapshot.
   */
  void expireContinueTokens(int count) {
    expiries.set(count);
  }

  /** From now on every page claims there is another one, as a broken server might. */
  void answerWithEndlessContinue() {
    endlessContinue = true;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String authorization = request.getHeader("Authorization");
    authorizations.add(authorization == null ? "" : authorization);
    if (refusal != 0) {
      return new MockResponse()
          .setResponseCode(refusal)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                  + "\"pods is forbidden: User \\\"system:serviceaccount:portcullis:portcullis\\\""
                  + " cannot list resource \\\"pods\\\" in API group \\\"\\\" at the cluster scope\","
                  + "\"reason\":\"Forbidden\",\"code\":"
                  + refusal
                  + "}");
    }
    String path = request.getPath();
    int query = path.indexOf('?');
    if (!"GET".equals(request.getMethod()) || query < 0) {
      return crud.dispatch(request);
    }
    Map<String, String> parameters = parameters(path.substring(query + 1));
    if (!parameters.containsKey("limit")) {
      return crud.dispatch(request);
    }
    pagedLists.add(path);
    int limit = Integer.parseInt(parameters.remove("limit"));
    String token = parameters.remove("continue");
    if (token != null && expiries.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new MockResponse()
          .setResponseCode(410)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                  + "\"message\":\"The provided continue parameter is too old\","
                  + "\"reason\":\"Expired\",\"code\":410}");
    }
    int offset = token == null ? 0 : Integer.parseInt(token);
    StringBuilder rest = new StringBuilder(path.substring(0, query));
    parameters.forEach(
        (k, v) -> rest.append(rest.indexOf("?") < 0 ? '?' : '&').append(k).append('=').append(v));
    MockResponse all = crud.handleGet(rest.toString());
    return all.code() == 200 ? page(all, offset, limit) : all;
  }

  private MockResponse page(MockResponse all, int offset, int limit) {
    try {
      ObjectNode list = (ObjectNode) JSON.readTree(all.getBody().readUtf8());
      ArrayNode items = (ArrayNode) list.get("items");
      ArrayNode page = JSON.createArrayNode();
      for (int i = offset; i < Math.min(items.size(), offset + limit); i++) {
        page.add(items.get(i));
      }
      list.set("items", page);
      ObjectNode metadata = list.with("metadata");
      if (endlessContinue || offset + limit < items.size()) {
        metadata.put("continue", String.valueOf(offset + limit));
      } else {
        metadata.remove("continue");
      }
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(list));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return parameters;
  }
}
