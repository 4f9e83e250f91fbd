package dev.portcullis.server;

import static dev.portcullis.server.TestServers.finding;
import static dev.portcullis.server.TestServers.report;
import static dev.portcullis.server.TestServers.send;
import static dev.portcullis.server.TestServers.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.MovableClock;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through Debian's chromedriver
 * by Selenium, against a server with seeded history. The figures on the page are those the API
 * computes; what the pages look like is kept under target/screenshots.
 */
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target/screenshots");

  /** The elements that stick out of the window, for the message of a failed assertion. */
  private static final String WIDER_THAN_THE_SCREEN =
      "return Array.from(document.querySelectorAll('body *'))"
          + ".filter(e => e.getBoundingClientRect().right > window.innerWidth"
          + " && !e.closest('.scroll'))"
          + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' '"
          + " + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(', ')";

  @TempDir static Path shared;
  private static Path database;
  private static WebDriver browser;

  @TempDir Path directory;

  /** The server's clock: a day after the database was imported, when this test is made. */
  private final Instant now =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));

  private final MovableClock clock = new MovableClock(now);
  private PortcullisServer server;
  private String ci;
  private String admin;
  private String reader;

  @BeforeAll
  static void startBrowser() throws IOException {
    assertThat(CHROMIUM).as("Debian's chromium (scripts/test.sh installs it)").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/test.sh)").isExecutable();
    database = WrittenRecords.database(shared);
    Files.createDirectories(SCREENSHOTS);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit(); // and chromedriver with it
    }
  }

  @BeforeEach
  void startServerAndBrowser() throws Exception {
    clock.set(now.minus(Duration.ofDays(3)));
    server =
        TestServers.start(
            StoreBackend.H2.location(directory),
            database,
            false,
            ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
            clock,
            new StringWriter());
    ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
    admin = server.tokens().create("security-lead", Set.of(Scope.ADMIN));
    reader = server.tokens().create("reader", Set.of(Scope.READ), now.plus(Duration.ofHours(1)));
    // Three days ago: team/app with a CRITICAL (overdue after 48 hours) and a HIGH.
    submit(
        server,
        ci,
        report(
            "team/app",
            "1.0",
            true,
            finding("CVE-2099-0001", "openssl", "CRITICAL"),
            finding("CVE-2099-0002", "zlib", "HIGH")));
    clock.set(now);
    submit(
        server,
        ci,
        report(
            "team/web",
            "2.0",
            true,
            finding("CVE-2099-0003", "curl", "HIGH"),
            finding("CVE-2099-0004", "tar", "HIGH"),
            finding("CVE-2099-0005", "bash", "LOW")));
    submit(server, ci, report("team/db", "3.0", false, finding("CVE-2099-0006", "xz", "MEDIUM")));

    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      browser.get(url("/ui/login"));
      browser.manage().deleteAllCookies();
      server.close();
    }
  }

  @Test
  void theOverviewShowsTheStoresFiguresAndRanksTheImagesToFixFirst() throws Exception {
    signIn(reader);
    KpiSnapshot kpis = TestServers.kpis(server, reader);

    assertThat(text("#tile-open-critical .figure")).isEqualTo(count(kpis, Severity.CRITICAL));
    assertThat(text("#tile-open-high .figure")).isEqualTo(count(kpis, Severity.HIGH));
    assertThat(text("#tile-overdue .figure"))
        .isEqualTo(
            String.valueOf(kpis.overdue().values().stream().mapToLong(Long::longValue).sum()))
        .isEqualTo("1");
    assertThat(text("#tile-oldest .label")).endsWith("registry.example/team/app");
    assertThat(text("#tile-oldest .figure"))
        .isEqualTo(kpis.oldestUnpatched().ageDays() + " d")
        .isEqualTo("3 d");
    assertThat(text("#tile-database-age .figure")).isNotEqualTo("unknown");
    List<String> ranked =
        browser.findElements(By.cssSelector("#ranking-table tbody .image-link")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(ranked).containsExactly("registry.example/team/app", "registry.example/team/web");
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.attributeToBe(By.id("open-chart"), "data-ready", "true"));
    assertThat(browser.findElements(By.cssSelector("#open-chart canvas"))).isNotEmpty();
    screenshot("overview");

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    assertThat(((Number) script("return document.documentElement.scrollWidth")).longValue())
        .as("no sideways scrolling on a phone: %s", script(WIDER_THAN_THE_SCREEN))
        .isLessThanOrEqualTo(((Number) script("return window.innerWidth")).longValue());
    screenshot("overview-phone");
  }

  @Test
  void anImagesFindingsSortAndFilterAndLeadToTheFinding() throws Exception {
    signIn(reader);
    navigate(By.linkText("registry.example/team/web"));

    assertThat(column(0)).containsExactly("HIGH", "HIGH", "LOW");
    browser.findElement(By.cssSelector("#findings-table th button[data-sort='2']")).click();
    assertThat(column(2)).containsExactly("bash Debian", "curl Debian", "tar Debian");
    browser.findElement(By.cssSelector("#findings-table th button[data-sort='2']")).click();
    assertThat(column(2)).containsExactly("tar Debian", "curl Debian", "bash Debian");
    browser.findElement(By.id("finding-filter")).sendKeys("curl");
    assertThat(visibleRows()).hasSize(1);
    browser.findElement(By.id("finding-filter")).clear();
    browser.findElement(By.id("finding-filter")).sendKeys(" ");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("severity-filter")))
        .selectByValue("LOW");
    assertThat(visibleRows()).hasSize(1);
    screenshot("image");

    navigate(By.linkText("CVE-2099-0005"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("CVE-2099-0005 in bash");
    assertThat(text("#finding-severity")).isEqualTo("LOW");
    assertThat(text("#finding-images")).contains("registry.example/team/web");
  }

  @Test
  void anAdministratorsExceptionCoversTheFindingAndIsAudited() throws Exception {
    signIn(admin);
    browser.get(url("/ui/exceptions"));
    assertThat(browser.findElements(By.id("no-exceptions"))).hasSize(1);

    browser.findElement(By.id("vulnerabilityId")).sendKeys("CVE-2099-0003");
    browser.findElement(By.id("repository")).sendKeys("registry.example/team/web");
    browser.findElement(By.id("owner")).sendKeys("team-web");
    browser.findElement(By.id("reason")).sendKeys("curl is not reachable from outside; fix in 2.1");
    LocalDate lastDay = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30);
    String expires = lastDay.toString();
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].value = arguments[1]", browser.findElement(By.id("expires")), expires);
    navigate(By.id("create-exception"));

    assertThat(browser.getCurrentUrl()).endsWith("/ui/exceptions");
    assertThat(text("#exceptions-table tbody tr")).contains("CVE-2099-0003", "team-web", "active");
    assertThat(text("#audit-table tbody tr .actor")).isEqualTo("security-lead");
    JsonNode covered = stored("registry.example/team/web", "CVE-2099-0003");
    assertThat(covered.path("exceptedUntil").asText())
        .as("until the end of that day, UTC")
        .isEqualTo(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    screenshot("exceptions");

    browser.get(url("/ui/findings/" + covered.path("id").asLong()));
    assertThat(text("#finding-exceptions")).contains("team-web", "security-lead");
    screenshot("finding");

    browser.get(url("/ui/exceptions"));
    navigate(By.cssSelector("#exceptions-table .end-exception"));
    assertThat(text("#exceptions-table tbody tr .state")).startsWith("expired (ended");
    assertThat(stored("registry.example/team/web", "CVE-2099-0003").has("exceptedUntil")).isFalse();
  }

  @Test
  void aReaderIsOfferedNoFormAndAnExpiredTokenEndsTheSession() throws Exception {
    signIn(reader);
    browser.get(url("/ui/exceptions"));
    assertThat(browser.findElements(By.id("new-exception"))).isEmpty();
    assertThat(browser.findElements(By.id("audit-table"))).isEmpty();

    clock.set(now.plus(Duration.ofHours(2)));
    browser.get(url("/ui/images"));
    browser.get(url("/ui"));

    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    assertThat(text("#login-problem")).contains("expired or was revoked");
    browser.findElement(By.id("token")).sendKeys(reader);
    navigate(By.id("sign-in"));
    assertThat(text("#login-problem")).contains("unknown, revoked or expired");
    screenshot("login");
  }

  @Test
  void theDashboardRefusesForgedFormsForeignRedirectsAndAnonymousReaders() throws Exception {
    HttpResponse<String> anonymous = send(server, "GET", "/ui", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).contains("/ui/login?next=%2Fui");

    String cookie = "portcullis_session=" + admin;
    HttpResponse<String> noFormToken =
        send(
            server,
            "POST",
            "/ui/exceptions",
            null,
            "vulnerabilityId=CVE-2099-0003&owner=x&reason=y&expires=2099-01-01"
                .getBytes(StandardCharsets.UTF_8),
            "Cookie",
            cookie,
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(noFormToken.statusCode()).isEqualTo(403);
    assertThat(noFormToken.body()).contains("not from this sign-in");

    HttpResponse<String> foreign =
        send(
            server,
            "POST",
            "/ui/login",
            null,
            ("token=" + reader).getBytes(StandardCharsets.UTF_8),
            "Origin",
            "https://evil.example",
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(foreign.statusCode()).isEqualTo(403);

    HttpResponse<String> redirected =
        send(
            server,
            "POST",
            "/ui/login",
            null,
            ("token=" + reader + "&next=%2F%2Fevil.example%2Fui").getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(redirected.statusCode()).isEqualTo(303);
    assertThat(redirected.headers().firstValue("Location")).contains("/ui");
    assertThat(redirected.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict", "Path=/ui");

    HttpResponse<String> page =
        send(server, "GET", "/ui", null, null, "Cookie", "portcullis_session=" + reader);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"");
  }

  // --- helpers

  private JsonNode stored(String repository, String id) throws Exception {
    HttpResponse<String> response =
        send(server, "GET", "/api/v1/findings?repository=" + repository, reader, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    for (JsonNode finding : PortcullisServer.mapper().readTree(response.body()).path("findings")) {
      if (finding.path("vulnerabilityId").asText().equals(id)) {
        return finding;
      }
    }
    throw new AssertionError("no finding " + id + " in " + repository);
  }

  private void signIn(String token) {
    browser.get(url("/ui"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    browser.findElement(By.id("token")).sendKeys(token);
    navigate(By.id("sign-in"));
    assertThat(browser.getCurrentUrl()).endsWith("/ui");
  }

  /** Clicks what leads to another page, and waits for that page. */
  private static void navigate(By by) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.portcullisPreviousPage = true");
    browser.findElement(by).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            driver ->
                Boolean.TRUE.equals(
                    js.executeScript(
                        "return window.portcullisPreviousPage === undefined"
                            + " && document.readyState === 'complete'")));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().strip();
  }

  private static String count(KpiSnapshot kpis, Severity severity) {
    return String.valueOf(kpis.open().getOrDefault(severity, 0L));
  }

  private List<String> column(int index) {
    return visibleRows().stream()
        .map(row -> row.findElements(By.tagName("td")).get(index).getText().strip())
        .toList();
  }

  private List<WebElement> visibleRows() {
    return browser.findElements(By.cssSelector("#findings-table tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  private Object script(String javascript) {
    return ((JavascriptExecutor) browser).executeScript(javascript);
  }

  private void screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
