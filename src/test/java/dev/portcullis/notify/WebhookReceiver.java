package dev.portcullis.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on loopback: records every request and gives the scripted answers in turn, the
 * last one again once the script runs out. An answer of status 0 hangs until closed.
 */
public final class WebhookReceiver implements AutoCloseable {

  public record Received(String path, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public record Answer(int status, Map<String, String> headers) {}

  static final Answer HANG = new Answer(0, Map.of());

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<Received> requests = new ArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();

  public WebhookReceiver(Answer... answers) throws IOException {
    script.addAll(List.of(answers));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::receive);
    // Its own threads, so that a hanging answer does not hold the next request.
    server.setExecutor(threads);
    server.start();
  }

  public static Answer status(int status) {
    return new Answer(status, Map.of());
  }

  static Answer status(int status, String header, String value) {
    return new Answer(status, Map.of(header, value));
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public synchronized List<Received> requests() {
    return List.copyOf(requests);
  }

  private void receive(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    Answer answer;
    synchronized (this) {
      requests.add(new Received(exchange.getRequestURI().getRawPath(), headers, body));
      answer = script.size() > 1 ? script.poll() : script.peek();
    }
    if (answer.status() == 0) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(answer.status(), -1);
    exchange.close();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
