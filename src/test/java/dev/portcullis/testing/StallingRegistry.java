package dev.portcullis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry on loopback written with raw sockets, so that it can do what no HTTP server library
 * lets it: accept and say nothing, send its headers or its body a byte at a time, stop halfway.
 * Each path is answered by the behaviour registered for it; the rest get 404.
 */
public final class StallingRegistry implements AutoCloseable {

  /** How one request is answered, given its path (with query) and headers. */
  public interface Behaviour {
    void answer(Request request, OutputStream out) throws IOException, InterruptedException;
  }

  /** A request as received. */
  public record Request(String path, Map<String, String> headers) {}

  private final ServerSocket server;
  private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
  private final List<Request> received = new ArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private StallingRegistry(ServerSocket server) {
    this.server = server;
  }

  public static StallingRegistry start() throws IOException {
    return start(InetAddress.getLoopbackAddress());
  }

  /** On another loopback address, such as 127.0.0.2: another host as far as clients can tell. */
  public static StallingRegistry start(InetAddress address) throws IOException {
    StallingRegistry registry = new StallingRegistry(new ServerSocket(0, 50, address));
    Thread acceptor = new Thread(registry::accept, "stalling-registry");
    acceptor.setDaemon(true);
    acceptor.start();
    return registry;
  }

  public String host() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** Answers requests for this path (without query) so. */
  public StallingRegistry route(String path, Behaviour behaviour) {
    routes.put(path, behaviour);
    return this;
  }

  /** Every request received so far. */
  public synchronized List<Request> received() {
    return List.copyOf(received);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread connection = new Thread(() -> serve(socket), "stalling-registry-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      Request request = readRequest(socket.getInputStream());
      if (request == null) {
        return;
      }
      synchronized (this) {
        received.add(request);
      }
      String path = request.path().replaceFirst("\\?.*", "");
      Behaviour behaviour = routes.get(path);
      OutputStream out = socket.getOutputStream();
      if (behaviour == null) {
        answer(404, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)).answer(request, out);
      } else {
        behaviour.answer(request, out);
      }
      out.flush();
    } catch (IOException | InterruptedException e) {
      // The client went away: that is how every stall here ends.
    } finally {
      open.remove(socket);
    }
  }

  private static Request readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return new Request(requestLine.length > 1 ? requestLine[1] : "/", headers);
  }

  /** The status line and headers of an answer, each connection closed after one answer. */
  public static byte[] head(int status, Map<String, String> headers, Long contentLength) {
    StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " X\r\nConnection: close\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    if (contentLength != null) {
      text.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A whole answer at once. */
  public static Behaviour answer(int status, Map<String, String> headers, byte[] body) {
    return (request, out) -> {
      out.write(head(status, headers, (long) body.length));
      out.write(body);
    };
  }

  /** Reads the request, then says nothing until the client gives up. */
  public static Behaviour silent() {
    return (request, out) -> Thread.sleep(60_000);
  }

  /** Sends the whole answer, headers included, one byte every {@code pauseMillis}. */
  public static Behaviour headersOneByteAtATime(long pauseMillis) {
    return (request, out) -> {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.write(head(200, Map.of("X-Padding", "x".repeat(200)), (long) body.length));
      all.write(body);
      drip(all.toByteArray(), 1, pauseMillis, out);
    };
  }

  /**
   * Sends the headers at once (claiming {@code contentLength}, or none if null), then the body
   * {@code step} bytes every {@code pauseMillis}, repeating it as often as it takes.
   */
  public static Behaviour bodyDrip(byte[] body, Long contentLength, int step, long pauseMillis) {
    return (request, out) -> {
      out.write(head(200, Map.of(), contentLength));
      out.flush();
      while (true) {
        drip(body, step, pauseMillis, out);
      }
    };
  }

  /** Sends the headers and the first {@code sent} bytes of the body, then nothing. */
  public static Behaviour stopsHalfway(byte[] body, int sent) {
    return (request, out) -> {
      out.write(head(200, Map.of(), (long) body.length));
      out.write(body, 0, sent);
      out.flush();
      Thread.sleep(60_000);
    };
  }

  private static void drip(byte[] bytes, int step, long pauseMillis, OutputStream out)
      throws IOException, InterruptedException {
    for (int i = 0; i < bytes.length; i += step) {
      out.write(bytes, i, Math.min(step, bytes.length - i));
      out.flush();
      Thread.sleep(pauseMillis);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
