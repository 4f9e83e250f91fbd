package dev.portcullis.server;

import static dev.portcullis.server.TestServers.finding;
import static dev.portcullis.server.TestServers.report;
import static dev.portcullis.server.TestServers.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.LocalPrometheus;
import dev.portcullis.testing.MovableClock;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code deploy/grafana/portcullis-dashboard.json}: it has the shape Grafana 11 and 12 import, and
 * every query of every panel, run by a real Prometheus scraping a server with seeded history,
 * returns what the store computes (the KPIs of {@code /api/v1/kpis}) or, for the scan counters,
 * what the server's own {@code /metrics} says.
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Path.of("deploy/grafana/portcullis-dashboard.json");
  private static final JsonNode DATASOURCE =
      new ObjectMapper().createObjectNode().put("type", "prometheus").put("uid", "${datasource}");
  private static final Set<String> PANEL_TYPES = Set.of("stat", "timeseries");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();

  /** The server's clock: 30 hours after the database was imported, when this test is made. */
  private final Instant now =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(30));

  private final MovableClock clock = new MovableClock(now);

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(shared);
  }

  private JsonNode dashboard() throws Exception {
    return json.readTree(DASHBOARD.toFile());
  }

  @Test
  void theDashboardHasTheShapeGrafanaImports() throws Exception {
    JsonNode dashboard = dashboard();

    assertThat(dashboard.path("uid").asText()).matches("[A-Za-z0-9_-]{1,40}");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("id").isNull()).as("an import assigns the id").isTrue();
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(39, 41);
    assertThat(dashboard.path("time").path("from").asText()).isNotBlank();
    assertThat(dashboard.path("time").path("to").asText()).isNotBlank();
    assertThat(dashboard.path("refresh").isTextual()).isTrue();
    assertThat(dashboard.path("__inputs").isArray()).isTrue();
    assertThat(dashboard.path("templating").path("list"))
        .anySatisfy(
            variable -> {
              assertThat(variable.path("name").asText()).isEqualTo("datasource");
              assertThat(variable.path("type").asText()).isEqualTo("datasource");
              assertThat(variable.path("query").asText()).isEqualTo("prometheus");
            });
    Set<String> required = new HashSet<>();
    dashboard
        .path("__requires")
        .forEach(r -> required.add(r.path("type").asText() + "/" + r.path("id").asText()));
    assertThat(required).contains("grafana/grafana", "datasource/prometheus");

    JsonNode panels = dashboard.path("panels");
    assertThat(panels.size()).isPositive();
    Set<Integer> ids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    List<JsonNode> placed = new ArrayList<>();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(title).isNotBlank();
      assertThat(titles.add(title)).as("title %s is unique", title).isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as("%s: unique id", title).isTrue();
      assertThat(panel.path("id").asInt()).as(title).isPositive();
      assertThat(panel.path("type").asText()).as(title).isIn(PANEL_TYPES);
      assertThat(required).as(title).contains("panel/" + panel.path("type").asText());
      assertThat(panel.path("datasource")).as(title).isEqualTo(DATASOURCE);
      assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
          .as(title)
          .isNotBlank();
      JsonNode grid = panel.path("gridPos");
      for (String field : List.of("x", "y", "w", "h")) {
        assertThat(grid.path(field).isInt()).as("%s: gridPos.%s", title, field).isTrue();
      }
      assertThat(grid.path("x").asInt()).as(title).isNotNegative();
      assertThat(grid.path("y").asInt()).as(title).isNotNegative();
      assertThat(grid.path("w").asInt()).as(title).isPositive();
      assertThat(grid.path("h").asInt()).as(title).isPositive();
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
      for (JsonNode other : placed) {
        assertThat(overlap(grid, other.path("gridPos")))
            .as("%s overlaps %s", title, other.path("title").asText())
            .isFalse();
      }
      placed.add(panel);

      JsonNode targets = panel.path("targets");
      assertThat(targets.size()).as("%s has queries", title).isPositive();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : targets) {
        String refId = target.path("refId").asText();
        assertThat(refId).as(title).isNotBlank();
        assertThat(refIds.add(refId)).as("%s: refId %s is unique", title, refId).isTrue();
        assertThat(target.path("datasource")).as(title).isEqualTo(DATASOURCE);
        String expr = target.path("expr").asText();
        assertThat(expr).as(title).isNotBlank();
        Matcher variables = VARIABLE.matcher(expr);
        while (variables.find()) {
          assertThat(variables.group())
              .as("%s: a variable the test gives a value", title)
              .isEqualTo("$__rate_interval");
        }
        assertThat(metricNames(expr)).as("%s: %s names a metric", title, expr).isNotEmpty();
      }
    }
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }

  /**
   * The metric names a PromQL expression reads: its words once strings, label matchers, ranges and
   * label lists are taken out, less functions (a word before "(") and keywords.
   */
  static Set<String> metricNames(String expr) {
    String bare =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new HashSet<>();
    Matcher word = WORD.matcher(bare);
    while (word.find()) {
      String rest = bare.substring(word.end()).stripLeading();
      if (!rest.startsWith("(") && !KEYWORDS.contains(word.group().toLowerCase(Locale.ROOT))) {
        names.add(word.group());
      }
    }
    return names;
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void everyPanelQueryReturnsWhatTheStoreComputes(StoreBackend backend) throws Exception {
    clock.set(now.minus(Duration.ofDays(20)));
    try (PortcullisServer server =
        TestServers.start(
            backend.location(directory),
            database,
            true,
            ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
            clock,
            new StringWriter())) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      int seeded = seedHistory(server, ci);
      try (LocalPrometheus prometheus = LocalPrometheus.scraping(server.port(), directory)) {
        prometheus.pollUntil("sum(portcullis_scans_total)", r -> counted(r, seeded));
        Instant from = seconds(prometheus.poll("max(timestamp(portcullis_scans_total))"));
        String before = TestServers.scrape(server);

        Map<String, Integer> lastBatch = submitLastBatch(server, ci);
        int total = seeded + lastBatch.values().stream().mapToInt(Integer::intValue).sum();
        prometheus.pollUntil("sum(portcullis_scans_total)", r -> counted(r, total));
        Instant at = seconds(prometheus.poll("max(timestamp(portcullis_scans_total))"));
        // $__rate_interval spans exactly from the scrape before the batch to the one after it, so
        // Prometheus has nothing to extrapolate: the rate is the batch over that span, exactly.
        // (Prometheus 2 includes a sample at the range's start; Prometheus 3 would not.)
        Duration window = Duration.between(from, at);

        Expected expected =
            new Expected(
                TestServers.kpis(server, null),
                databaseAge(),
                before,
                TestServers.scrape(server),
                lastBatch,
                window);
        assertThat(expected.kpis().remediation()).containsKeys(Severity.CRITICAL, Severity.HIGH);
        assertThat(expected.kpis().overdue()).isNotEmpty();
        assertThat(expected.kpis().oldestUnpatched()).isNotNull();

        Set<String> scraped = sampleNames(expected.after());
        Map<String, PanelCheck> checks = checks(expected);
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
          String title = panel.path("title").asText();
          titles.add(title);
          assertThat(checks).as("a check for the panel %s", title).containsKey(title);
          Map<String, JsonNode> results = new HashMap<>();
          for (JsonNode target : panel.path("targets")) {
            String expr = target.path("expr").asText();
            assertThat(scraped).as("%s: %s", title, expr).containsAll(metricNames(expr));
            JsonNode result =
                prometheus.queryAt(expr.replace("$__rate_interval", window.toMillis() + "ms"), at);
            assertLegendLabels(title, target, result);
            results.put(target.path("refId").asText(), result);
          }
          Set<String> read = new HashSet<>();
          checks
              .get(title)
              .check(
                  refId -> {
                    read.add(refId);
                    return results.get(refId);
                  });
          assertThat(read).as("%s: every query is checked", title).isEqualTo(results.keySet());
        }
        assertThat(checks.keySet()).as("every check has its panel").containsOnlyElementsOf(titles);
      }
    }
  }

  /**
   * Four CI reports over 20 days and one clean scan: two repositories fix a CRITICAL and a HIGH
   * each (MTTR 4 days and 2.5 days), a HIGH and a LOW stay open past their deadlines. Returns how
   * many scans were recorded.
   */
  private int seedHistory(PortcullisServer server, String ci) throws Exception {
    submit(
        server,
        ci,
        report(
            "team/app",
            "1.0",
            true,
            finding("CVE-2099-9101", "openssl", "CRITICAL"),
            finding("CVE-2099-9102", "openssl", "HIGH"),
            finding("CVE-2099-9103", "zlib", "HIGH"),
            finding("CVE-2099-9104", "curl", "MEDIUM"),
            finding("CVE-2099-9105", "bash", "LOW")));
    clock.set(now.minus(Duration.ofDays(16)));
    submit(
        server,
        ci,
        report(
            "team/app",
            "1.1",
            true,
            finding("CVE-2099-9103", "zlib", "HIGH"),
            finding("CVE-2099-9104", "curl", "MEDIUM"),
            finding("CVE-2099-9105", "bash", "LOW")));
    clock.set(now.minus(Duration.ofDays(10)));
    submit(
        server,
        ci,
        report(
            "team/api",
            "2.0",
            true,
            finding("CVE-2099-9201", "glibc", "CRITICAL"),
            finding("CVE-2099-9202", "glibc", "HIGH")));
    clock.set(now.minus(Duration.ofDays(9)));
    submit(
        server, ci, report("team/api", "2.1", true, finding("CVE-2099-9201", "glibc", "CRITICAL")));
    clock.set(now.minus(Duration.ofDays(2)));
    submit(server, ci, report("team/web", "0.9", false));
    return 5;
  }

  /** One passing and one failing scan now, while Prometheus watches; their count by outcome. */
  private Map<String, Integer> submitLastBatch(PortcullisServer server, String ci)
      throws Exception {
    clock.set(now);
    submit(server, ci, report("team/web", "1.0", false, finding("CVE-2099-9301", "tar", "NONE")));
    submit(server, ci, report("team/db", "1.0", true, finding("CVE-2099-9401", "xz", "CRITICAL")));
    return Map.of("pass", 1, "fail", 1);
  }

  /** The database's age as the server computes it, on the server's (stopped) clock. */
  private double databaseAge() throws Exception {
    try (VulnerabilityDatabase open = VulnerabilityDatabase.open(database)) {
      return Duration.between(open.updatedAt(), now).toMillis() / 1000.0;
    }
  }

  /**
   * What the panels must show.
   *
   * @param before the server's {@code /metrics} before the last batch of scans
   * @param after the same after it
   * @param lastBatch the last batch's scans by outcome
   * @param window from Prometheus' last scrape before the last batch to its first after it
   */
  private record Expected(
      KpiSnapshot kpis,
      double databaseAgeSeconds,
      String before,
      String after,
      Map<String, Integer> lastBatch,
      Duration window) {}

  /** What one panel's queries must return, given each query's result by its refId. */
  private interface PanelCheck {
    void check(Function<String, JsonNode> results);
  }

  /** One check per panel title: a panel without one fails the test. */
  private static Map<String, PanelCheck> checks(Expected expected) {
    KpiSnapshot kpis = expected.kpis();
    Map<String, PanelCheck> checks = new LinkedHashMap<>();
    checks.put("Open CRITICAL", single(kpis.open().getOrDefault(Severity.CRITICAL, 0L)));
    checks.put("Open HIGH", single(kpis.open().getOrDefault(Severity.HIGH, 0L)));
    checks.put(
        "Overdue", single(kpis.overdue().values().stream().mapToLong(Long::longValue).sum()));
    checks.put(
        "Oldest unpatched image",
        single(kpis.oldestUnpatched() == null ? 0 : kpis.oldestUnpatched().ageDays()));
    checks.put("MTTR CRITICAL (30 days)", single(hours(kpis.remediation().get(Severity.CRITICAL))));
    checks.put("MTTR HIGH (30 days)", single(hours(kpis.remediation().get(Severity.HIGH))));
    checks.put("Database age", single(expected.databaseAgeSeconds() / 3600));
    checks.put("Open findings by severity", bySeverity(everySeverity(kpis.open())));
    checks.put("Overdue findings by severity", bySeverity(everySeverity(kpis.overdue())));
    Map<String, Double> remediation = new HashMap<>();
    kpis.remediation().forEach((severity, mean) -> remediation.put(label(severity), hours(mean)));
    checks.put("MTTR by severity (30 days)", bySeverity(remediation));
    checks.put(
        "Vulnerability database age",
        results ->
            assertThat(value(results.apply("A")))
                .isCloseTo(expected.databaseAgeSeconds() / 3600, within(1e-9)));
    Map<String, Double> perMinute = new HashMap<>();
    double minutes = expected.window().toMillis() / 60_000.0;
    expected.lastBatch().forEach((outcome, scans) -> perMinute.put(outcome, scans / minutes));
    checks.put("Scans by outcome", byLabel("outcome", perMinute));
    checks.put(
        "Scan duration",
        results -> {
          double sum = difference(expected, "portcullis_scan_duration_seconds_sum");
          double count = difference(expected, "portcullis_scan_duration_seconds_count");
          assertThat(value(results.apply("A"))).isCloseTo(sum / count, within(sum / count * 1e-9));
          assertThat(value(results.apply("B")))
              .isEqualTo(sample(expected.after(), "portcullis_scan_duration_seconds_max"));
        });
    return checks;
  }

  /** One series with this value; none where the store has none (a NaN the query filters out). */
  private static PanelCheck single(Number expected) {
    return results -> {
      JsonNode result = results.apply("A");
      if (expected == null) {
        assertThat(result).isEmpty();
      } else {
        assertThat(value(result)).isCloseTo(expected.doubleValue(), within(1e-9));
      }
    };
  }

  /** One series per severity, with these values. */
  private static PanelCheck bySeverity(Map<String, Double> expected) {
    return byLabel("severity", expected);
  }

  /** One series per value of {@code label}, with these values. */
  private static PanelCheck byLabel(String label, Map<String, Double> expected) {
    return results -> {
      Map<String, Double> got = new HashMap<>();
      for (JsonNode series : results.apply("A")) {
        got.put(series.path("metric").path(label).asText(), number(series));
      }
      assertThat(got.keySet()).isEqualTo(expected.keySet());
      expected.forEach(
          (value, number) ->
              assertThat(got.get(value)).as(value).isCloseTo(number, within(number * 1e-9)));
    };
  }

  private static double difference(Expected expected, String name) {
    return sample(expected.after(), name) - sample(expected.before(), name);
  }

  /** A sample without labels from the Prometheus text format. */
  private static double sample(String metrics, String name) {
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError(name + " is not in the scrape");
  }

  /** The names of the samples of a scrape. */
  private static Set<String> sampleNames(String metrics) {
    Set<String> names = new HashSet<>();
    for (String line : metrics.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        Matcher name = WORD.matcher(line);
        if (name.lookingAt()) {
          names.add(name.group());
        }
      }
    }
    return names;
  }

  /** Every {@code {{label}}} of a target's legend is a label of every series it returns. */
  private static void assertLegendLabels(String title, JsonNode target, JsonNode result) {
    Matcher label =
        Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(target.path("legendFormat").asText());
    while (label.find()) {
      for (JsonNode series : result) {
        assertThat(series.path("metric").has(label.group(1)))
            .as("%s: legend label %s", title, label.group(1))
            .isTrue();
      }
    }
  }

  private static Map<String, Double> everySeverity(Map<Severity, Long> counts) {
    Map<String, Double> all = new HashMap<>();
    for (Severity severity : Severity.values()) {
      all.put(label(severity), counts.getOrDefault(severity, 0L).doubleValue());
    }
    return all;
  }

  private static String label(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  private static Double hours(Duration duration) {
    return duration == null ? null : duration.toMillis() / 1000.0 / 3600;
  }

  /** Whether a result is one series with this value. */
  private static boolean counted(JsonNode result, int count) {
    return result.size() == 1 && number(result.get(0)) == count;
  }

  /** The value of a result of exactly one series. */
  private static double value(JsonNode result) {
    assertThat(result.size()).as(result.toString()).isEqualTo(1);
    return number(result.get(0));
  }

  private static double number(JsonNode series) {
    return Double.parseDouble(series.path("value").path(1).asText());
  }

  private static Instant seconds(JsonNode result) {
    BigDecimal value = new BigDecimal(result.get(0).path("value").path(1).asText());
    return Instant.ofEpochMilli(
        value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }
}
