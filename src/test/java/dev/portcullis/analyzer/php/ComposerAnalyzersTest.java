package dev.portcullis.analyzer.php;

import static dev.portcullis.testing.AnalyzerRuns.analyze;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.AppFixtures;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composer's lockfile and installed.json. The real files are Debian's Icinga PHP libraries, as
 * Composer 2 wrote them, checked against what Python's JSON parser reads from them
 * (scripts/build-app-fixtures.sh); they have no dev packages, so dev packages, dual licences and
 * Composer 1's installed.json come from hand-made files next to this test.
 */
class ComposerAnalyzersTest {

  private static final String IPL = "usr/share/icinga-php/ipl/";
  private static final String THIRDPARTY = "usr/share/icinga-php/vendor/";

  @TempDir Path dir;

  static Path fixtures() {
    return AppFixtures.directory("php");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ComposerAnalyzersTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static List<String> named(List<Package> packages) {
    return packages.stream().map(p -> p.name() + " " + p.version()).toList();
  }

  @Test
  void realLockfilesAndInstalledFilesListWhatTheirJsonSays() throws IOException {
    Path rootfs = fixtures().resolve("rootfs");
    List<Analyzer> analyzers = List.of(new ComposerLockAnalyzer(), new ComposerInstalledAnalyzer());
    List<String> found = new ArrayList<>();
    List<String> files;
    try (Stream<Path> walk = Files.walk(rootfs)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(f -> rootfs.relativize(f).toString())
              .sorted()
              .toList();
    }
    for (String file : files) {
      for (Analyzer analyzer : analyzers) {
        if (analyzer.required(file, Files.size(rootfs.resolve(file)))) {
          AnalysisResult result = analyze(analyzer, file, Files.readAllBytes(rootfs.resolve(file)));
          assertThat(result.warnings()).as(file).isEmpty();
          result
              .packages()
              .forEach(
                  p ->
                      found.add(
                          file
                              + " "
                              + p.name()
                              + " "
                              + p.version()
                              + (p.dev() ? " dev" : " runtime")));
        }
      }
    }

    // ipl's composer.lock and installed.json, the third-party vendor's installed.json; the
    // third-party lockfile lies in a directory named vendor and is not read. How many packages each
    // lists depends on the versions Debian's archive ships today.
    assertThat(found).containsExactlyInAnyOrderElementsOf(oracle());
    assertThat(listedBy(IPL + "composer.lock")).isNotEmpty();
    assertThat(listedBy(IPL + "vendor/composer/installed.json")).isNotEmpty();
    assertThat(listedBy(THIRDPARTY + "vendor/composer/installed.json")).isNotEmpty();
    assertThat(listedBy(THIRDPARTY + "composer.lock")).isEmpty();
  }

  /**
   * What Python's JSON parser read from the real files (scripts/build-app-fixtures.sh): "path name
   * version runtime|dev" lines. The Icinga packages move with Debian's archive, so counts and
   * versions come from here.
   */
  private static List<String> oracle() throws IOException {
    List<String> lines = Files.readAllLines(fixtures().resolve("packages"));
    assertThat(lines).as("oracle php/packages").isNotEmpty();
    return lines;
  }

  /** The oracle's "name version" pairs listed by one file of the root filesystem. */
  private static List<String> listedBy(String path) throws IOException {
    return oracle().stream()
        .map(line -> line.split(" "))
        .filter(fields -> fields[0].equals(path))
        .map(fields -> fields[1] + " " + fields[2])
        .toList();
  }

  @Test
  void devPackagesOfTheLockfileAreMarked() throws IOException {
    AnalysisResult result =
        analyze(
            new ComposerLockAnalyzer(),
            "srv/app/composer.lock",
            resource("composer-with-dev.lock"));

    assertThat(result.warnings()).isEmpty();
    assertThat(named(result.packages()))
        .containsExactly(
            "guzzlehttp/guzzle 7.8.1",
            "psr/http-message 2.0",
            "symfony/console v6.4.3",
            "phpmailer/phpmailer v6.9.1",
            "example/dual-licensed 1.0.0",
            "phpunit/phpunit 10.5.10",
            "mockery/mockery 1.6.7");
    assertThat(result.packages().stream().filter(Package::dev).map(Package::name))
        .containsExactly("phpunit/phpunit", "mockery/mockery");
    Package guzzle = result.packages().get(0);
    assertThat(guzzle.license()).isEqualTo("MIT");
    assertThat(guzzle.maintainer()).isEqualTo("Graham Campbell, Michael Dowling");
    assertThat(result.packages().get(4).license()).isEqualTo("GPL-2.0-or-later OR MIT");
    assertThat(result.packages().get(6).license()).isEqualTo("BSD-3-Clause");
  }

  @Test
  void installedDevPackagesAreMarkedInComposer2AndComposer1FilesAreRead() throws IOException {
    AnalysisResult composer2 =
        analyze(
            new ComposerInstalledAnalyzer(),
            "srv/app/vendor/composer/installed.json",
            resource("installed-composer2.json"));
    assertThat(named(composer2.packages()))
        .containsExactly(
            "guzzlehttp/guzzle 7.8.1", "psr/http-message 2.0", "phpunit/phpunit 10.5.10");
    assertThat(composer2.packages().stream().filter(Package::dev).map(Package::name))
        .containsExactly("phpunit/phpunit");

    AnalysisResult composer1 =
        analyze(
            new ComposerInstalledAnalyzer(),
            "var/www/vendor/composer/installed.json",
            resource("installed-composer1.json"));
    assertThat(composer1.warnings()).isEmpty();
    assertThat(named(composer1.packages()))
        .containsExactly("monolog/monolog 1.27.1", "psr/log 1.1.4");
    assertThat(composer1.packages().get(0).maintainer()).isEqualTo("Jordi Boggiano");
  }

  @Test
  void onlyComposersOwnFilesWithinTheSizeLimitAreRead() {
    ComposerLockAnalyzer lock = new ComposerLockAnalyzer();
    assertThat(lock.required("srv/app/composer.lock", 10)).isTrue();
    assertThat(lock.required("composer.lock", 10)).isTrue();
    // A dependency's own lockfile, shipped inside vendor/, is not what was installed.
    assertThat(lock.required("srv/app/vendor/guzzlehttp/guzzle/composer.lock", 10)).isFalse();
    assertThat(lock.maxFileSize()).isEqualTo(ComposerLockAnalyzer.MAX_SIZE);
    ComposerInstalledAnalyzer installed = new ComposerInstalledAnalyzer();
    assertThat(installed.required("srv/app/vendor/composer/installed.json", 10)).isTrue();
    assertThat(installed.required("srv/app/lib/composer/installed.json", 10)).isTrue();
    assertThat(installed.required("srv/app/installed.json", 10)).isFalse();
    assertThat(installed.required("srv/app/vendor/composer/installed.php", 10)).isFalse();
    assertThat(installed.maxFileSize()).isEqualTo(ComposerInstalledAnalyzer.MAX_SIZE);
  }

  @Test
  void brokenOrMisshapenJsonIsAWarningNamingTheFile() throws IOException {
    byte[] real = Files.readAllBytes(fixtures().resolve("rootfs/" + IPL + "composer.lock"));
    String lock = "srv/app/composer.lock";
    String installed = "srv/app/vendor/composer/installed.json";

    assertThat(
            analyze(new ComposerLockAnalyzer(), lock, Arrays.copyOf(real, real.length / 3))
                .warnings())
        .singleElement()
        .asString()
        .startsWith("/" + lock + ": not valid JSON (line ")
        .contains("end-of-input");
    assertThat(analyze(new ComposerLockAnalyzer(), lock, "").warnings())
        .containsExactly("/" + lock + ": not a composer.lock: the file is empty");
    assertThat(analyze(new ComposerLockAnalyzer(), lock, "[]").warnings())
        .containsExactly("/" + lock + ": not a composer.lock: the top level is not an object");
    assertThat(
            analyze(new ComposerLockAnalyzer(), lock, "{\"packages\": {\"a/b\": \"1.0\"}}")
                .warnings())
        .containsExactly("/" + lock + ": not a composer.lock: packages is not an array");
    assertThat(analyze(new ComposerInstalledAnalyzer(), installed, "\"packages\"").warnings())
        .containsExactly(
            "/"
                + installed
                + ": not a Composer installed.json: the top level is neither an object nor an array");
    assertThat(
            analyze(new ComposerInstalledAnalyzer(), installed, "{\"packages\": [1, }").warnings())
        .singleElement()
        .asString()
        .startsWith("/" + installed + ": not valid JSON (line 1: ");
    assertThat(
            analyze(
                    new ComposerInstalledAnalyzer(),
                    installed,
                    "[" + "[".repeat(3000) + "]".repeat(3000) + "]")
                .warnings())
        .singleElement()
        .asString()
        .startsWith("/" + installed + ": not valid JSON");
  }

  @Test
  void entriesOfTheWrongTypeNameNothingAndTheRestCounts() throws IOException {
    AnalysisResult result =
        analyze(
            new ComposerLockAnalyzer(),
            "composer.lock",
            "{\"packages\": [1, \"a/b\", {\"name\": \"c/d\"}, {\"name\": 5, \"version\": \"1\"},"
                + " {\"name\": \"e/f\", \"version\": \"1.0\", \"license\": 7, \"authors\": \"x\"}],"
                + " \"packages-dev\": null}");

    assertThat(named(result.packages())).containsExactly("e/f 1.0");
    assertThat(result.packages().get(0).license()).isNull();
    assertThat(result.warnings())
        .containsExactly("/composer.lock: 4 packages without name or version were skipped");
    AnalysisResult devNames =
        analyze(
            new ComposerInstalledAnalyzer(),
            "vendor/composer/installed.json",
            "{\"packages\": [{\"name\": \"a/b\", \"version\": \"1\"}], \"dev-package-names\": {\"a/b\": 1}}");
    assertThat(devNames.packages()).singleElement().matches(p -> !p.dev());
  }

  private static List<JsonNode> composerPackages(String json) throws IOException {
    JsonNode packages = new ObjectMapper().readTree(json).path("packages");
    return StreamSupport.stream(packages.spliterator(), false)
        .filter(p -> p.path("type").asText().equals("composer"))
        .toList();
  }

  private Path project() throws IOException {
    Path project = dir.resolve("app");
    Files.createDirectories(project.resolve("vendor/composer"));
    Files.createDirectories(project.resolve("vendor/guzzlehttp/guzzle"));
    Files.write(project.resolve("composer.lock"), resource("composer-with-dev.lock"));
    Files.write(
        project.resolve("vendor/composer/installed.json"), resource("installed-composer2.json"));
    // A dependency's own lockfile: read by neither scan.
    Files.writeString(
        project.resolve("vendor/guzzlehttp/guzzle/composer.lock"),
        "{\"packages\": [{\"name\": \"not/installed\", \"version\": \"0.1\"}]}");
    return project;
  }

  @Test
  void imageScanReadsWhatComposerInstalledNotTheLockfile() throws IOException {
    Path app = project();
    Path rootfs = fixtures().resolve("rootfs");
    List<OciLayoutBuilder.Entry> icinga = new ArrayList<>();
    icinga.add(file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"));
    for (String path :
        List.of(
            IPL + "composer.lock",
            IPL + "vendor/composer/installed.json",
            THIRDPARTY + "composer.lock",
            THIRDPARTY + "vendor/composer/installed.json")) {
      icinga.add(file(path, Files.readAllBytes(rootfs.resolve(path))));
    }
    List<OciLayoutBuilder.Entry> appFiles = new ArrayList<>();
    for (String path :
        List.of(
            "composer.lock",
            "vendor/composer/installed.json",
            "vendor/guzzlehttp/guzzle/composer.lock")) {
      appFiles.add(file("var/www/app/" + path, Files.readAllBytes(app.resolve(path))));
    }
    appFiles.add(file("var/www/broken/vendor/composer/installed.json", "{\"packages\": [{"));
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer(
            "apt-get install icinga-php-library icinga-php-thirdparty",
            icinga.toArray(OciLayoutBuilder.Entry[]::new))
        .layer("COPY app /var/www/app", appFiles.toArray(OciLayoutBuilder.Entry[]::new))
        .writeTo(layout, "v1");

    Cli.Result result =
        Cli.run("sbom", "image", "oci:" + layout + ":v1", "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> packages = composerPackages(result.out());
    // installed.json only: ipl's and the third-party vendor's, and 3 from the app (phpunit marked
    // dev).
    List<String> icingaInstalled =
        new ArrayList<>(listedBy(IPL + "vendor/composer/installed.json"));
    icingaInstalled.addAll(listedBy(THIRDPARTY + "vendor/composer/installed.json"));
    assertThat(packages).hasSize(icingaInstalled.size() + 3);
    assertThat(packages)
        .allMatch(p -> p.path("foundIn").asText().endsWith("/composer/installed.json"));
    String[] thirdParty = icingaInstalled.get(icingaInstalled.size() - 1).split(" ");
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:composer/" + thirdParty[0] + "@" + thirdParty[1] + "\"",
            "\"purl\" : \"pkg:composer/guzzlehttp/guzzle@7.8.1\"",
            "/var/www/broken/vendor/composer/installed.json: not valid JSON")
        .doesNotContain("not/installed");
    assertThat(packages)
        .filteredOn(p -> p.path("dev").asBoolean())
        .extracting(p -> p.path("name").asText())
        .containsExactly("phpunit/phpunit");
  }

  @Test
  void projectScanReadsTheLockfileAndWhatIsInstalled() throws IOException {
    Cli.Result result = Cli.run("sbom", "fs", project().toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> packages = composerPackages(result.out());
    // 7 from composer.lock, 3 from installed.json; not the dependency's own lockfile.
    assertThat(packages).hasSize(10);
    assertThat(result.out())
        .contains("\"purl\" : \"pkg:composer/mockery/mockery@1.6.7\"")
        .doesNotContain("not/installed");
    assertThat(packages)
        .filteredOn(p -> p.path("dev").asBoolean())
        .extracting(p -> p.path("name").asText())
        .containsExactlyInAnyOrder("phpunit/phpunit", "mockery/mockery", "phpunit/phpunit");
  }
}
