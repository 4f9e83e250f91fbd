// Load for bench/server.sh, JDK only: run as a single source file (java ServerLoad.java …).
//   ingest URL TOKEN CLIENTS REPORTS FINDINGS   posts REPORTS CI reports from CLIENTS threads
//   query URL TOKEN ROUNDS PATH…               times ROUNDS sequential GETs of each PATH; {n} in a
//                                              PATH is 1, 2, 3… (a new value for every request)
// Every loop is bounded; the server must be on loopback.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

public class ServerLoad {

  private static final String[] SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[1]);
    if (!List.of("127.0.0.1", "localhost", "[::1]").contains(base.getHost())) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    switch (args[0]) {
      case "ingest" -> ingest(base, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
      case "query" -> query(base, args[2], Integer.parseInt(args[3]), 0,
          Arrays.asList(args).subList(4, args.length));
      // spaced: each request after a pause, e.g. longer than the server keeps shared figures
      case "query-spaced" -> query(base, args[2], Integer.parseInt(args[3]),
          Long.parseLong(args[4]), Arrays.asList(args).subList(5, args.length));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /**
   * Reports of CLIENTS repositories (one per client, as CI jobs of several projects), each a new
   * digest whose findings mostly carry over from the previous one: a tenth are new each build.
   */
  static byte[] report(int client, int build, int findings) {
    StringBuilder json = new StringBuilder(findings * 260);
    String repository = "registry.bench/team/app-" + client;
    json.append("{\"tool\":\"portcullis\",\"schemaVersion\":1,\"scanners\":[\"vuln\"],")
        .append("\"image\":{\"name\":\"").append(repository).append(":build-").append(build)
        .append("\",\"manifestDigest\":\"sha256:")
        .append(String.format(Locale.ROOT, "%064x", (long) client * 1_000_000 + build))
        .append("\",\"repoTags\":[\"").append(repository).append(":build-").append(build)
        .append("\"]},\"findings\":[");
    int first = build * findings / 10;
    for (int i = 0; i < findings; i++) {
      int n = first + i;
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"vulnerabilityId\":\"CVE-2099-").append(100000 + n)
          .append("\",\"aliases\":[\"GHSA-bench-").append(n).append("\"],\"packageName\":\"lib")
          .append(n).append("\",\"ecosystem\":\"Debian:12\",\"installedVersion\":\"1.").append(n)
          .append("-1\",\"fixedVersions\":[\"1.").append(n)
          .append("-2\"],\"title\":\"a benchmark vulnerability in lib").append(n)
          .append("\",\"severity\":\"").append(SEVERITIES[n % 4]).append("\"}");
    }
    json.append("],\"gate\":{\"failed\":true,\"filteredOut\":0}}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void ingest(URI base, String token, int clients, int reports, int findings)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int warmup = Math.min(reports / 5, 200);
    run(http, base, token, clients, warmup, findings, 0);
    long started = System.nanoTime();
    run(http, base, token, clients, reports, findings, warmup / clients + 1);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT,
        "ingest: %d reports of %d findings from %d clients in %.2f s: %.0f reports/s"
            + " (after %d warm-up reports)%n",
        reports, findings, clients, seconds, reports / seconds, warmup);
  }

  private static void run(HttpClient http, URI base, String token, int clients, int reports,
      int findings, int firstBuild) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        int build = firstBuild;
        while (next.getAndIncrement() < reports) {
          byte[] body = report(client, build++, findings);
          HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/scans"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  static void query(URI base, String token, int rounds, long pauseMillis, List<String> paths)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String path : paths) {
      long[] nanos = new long[rounds];
      long bytes = 0;
      for (int i = -rounds / 5; i < rounds; i++) {
        String each = path.replace("{n}", Integer.toString(i + rounds / 5 + 1));
        Thread.sleep(pauseMillis);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(each))
            .header("Authorization", "Bearer " + token)
            .header("Cookie", "portcullis_session=" + token) // the dashboard's sign-in
            .GET().build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - started;
        if (response.statusCode() != 200) {
          throw new IllegalStateException(path + ": " + response.statusCode());
        }
        if (i >= 0) {
          nanos[i] = took;
          bytes = response.body().length;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "%-70s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %7d bytes%n",
          path, nanos[rounds / 2] / 1e6, nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6,
          nanos[rounds - 1] / 1e6, bytes);
    }
  }
}
