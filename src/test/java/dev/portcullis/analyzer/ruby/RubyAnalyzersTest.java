package dev.portcullis.analyzer.ruby;

import static dev.portcullis.testing.AnalyzerRuns.analyze;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.AppFixtures;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installed gems and Bundler lockfiles. The gemspecs are Debian's (Ruby 3.1's default and bundled
 * gems, ruby-rack), checked against what real RubyGems loads from each; the Gemfile.lock is written
 * by real Bundler and checked against Bundler's own lockfile parser
 * (scripts/build-app-fixtures.sh). Platform-specific gems, plugin sources and checksums come from a
 * hand-made Bundler 2.5 lockfile.
 */
class RubyAnalyzersTest {

  @TempDir Path dir;

  static Path fixtures() {
    return AppFixtures.directory("ruby");
  }

  /**
   * The lines of an oracle file that the fixture script computed with RubyGems or Bundler in the
   * same run. Counts and versions come from Debian's archive, which moves, so the tests take them
   * from here; an empty oracle would make a test vacuous, so it fails.
   */
  private static List<String> oracle(String name) throws IOException {
    List<String> lines = Files.readAllLines(fixtures().resolve(name));
    assertThat(lines).as("oracle " + name).isNotEmpty();
    return lines;
  }

  /** The version of ruby-rack that the archive gave, as RubyGems reads it. */
  private static String rackVersion() throws IOException {
    return oracle("gems").stream()
        .filter(line -> line.startsWith("rack "))
        .map(line -> line.split(" ")[1])
        .findFirst()
        .orElseThrow(() -> new AssertionError("RubyGems found no rack gemspec in ruby-rack"));
  }

  private static List<String> named(List<Package> packages) {
    return packages.stream().map(p -> p.name() + " " + p.version()).toList();
  }

  /** The specification files of the Debian root filesystem, as paths relative to it. */
  private static List<String> specifications(Path rootfs) throws IOException {
    GemspecAnalyzer analyzer = new GemspecAnalyzer();
    try (Stream<Path> files = Files.walk(rootfs)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> rootfs.relativize(f).toString())
          .filter(f -> analyzer.required(f, 0))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyInstalledGemIsFoundAsRubyGemsLoadsIt() throws IOException {
    Path rootfs = fixtures().resolve("rootfs");
    List<String> found = new ArrayList<>();
    for (String spec : specifications(rootfs)) {
      AnalysisResult result =
          analyze(new GemspecAnalyzer(), spec, Files.readAllBytes(rootfs.resolve(spec)));
      assertThat(result.warnings()).as(spec).isEmpty();
      result.packages().forEach(p -> found.add(p.name() + " " + p.version() + " " + p.foundIn()));
    }

    // Ruby 3.1's default gems, its bundled gems and ruby-rack, as many as the archive ships today.
    assertThat(found).containsExactlyInAnyOrderElementsOf(oracle("gems"));
    String rack = rackVersion();
    assertThat(found)
        .contains(
            "rack "
                + rack
                + " usr/share/rubygems-integration/all/specifications/rack-"
                + rack
                + ".gemspec");
  }

  @Test
  void licencesAndAuthorsAreTheSpecificationsOwn() throws IOException {
    Path rootfs = fixtures().resolve("rootfs");
    String rackSpec =
        "usr/share/rubygems-integration/all/specifications/rack-" + rackVersion() + ".gemspec";
    Package rack =
        analyze(new GemspecAnalyzer(), rackSpec, Files.readAllBytes(rootfs.resolve(rackSpec)))
            .packages()
            .get(0);
    assertThat(rack.license()).isEqualTo("MIT");
    assertThat(rack.maintainer()).isEqualTo("Leah Neukirchen");
    assertThat(rack.type()).isEqualTo("gem");

    String bundler =
        specifications(rootfs).stream()
            .filter(s -> s.contains("/bundler-"))
            .findFirst()
            .orElseThrow();
    Package pkg =
        analyze(new GemspecAnalyzer(), bundler, Files.readAllBytes(rootfs.resolve(bundler)))
            .packages()
            .get(0);
    // Written as "Andr\u00E9 Arko" in the file.
    assertThat(pkg.maintainer()).startsWith("André Arko, Samuel Giddins");
  }

  @Test
  void olderAndUnusualSpecificationsAreReadLiterallyNeverRun() throws IOException {
    String rubygems13 =
        """
        # -*- encoding: utf-8 -*-

        Gem::Specification.new do |s|
          s.name = %q{rails}
          s.version = "2.3.18"

          s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
          s.authors = [%q{David Heinemeier Hansson}]
          s.license = 'MIT'
        end
        """;
    Package rails =
        analyze(
                new GemspecAnalyzer(),
                "var/lib/gems/1.8/specifications/rails-2.3.18.gemspec",
                rubygems13)
            .packages()
            .get(0);
    assertThat(rails.name() + " " + rails.version()).isEqualTo("rails 2.3.18");
    assertThat(rails.license()).isEqualTo("MIT");
    assertThat(rails.maintainer()).isEqualTo("David Heinemeier Hansson");

    String otherVariable =
        """
        Gem::Specification.new do |spec|
          spec.name    = "json".freeze # the gem
          spec.version = Gem::Version.new("2.7.2")
          spec.licenses = ["Ruby".freeze, "BSD-2-Clause".freeze]
          spec.summary = `rm -rf /`
        end
        """;
    Package json =
        analyze(new GemspecAnalyzer(), "specifications/json-2.7.2.gemspec", otherVariable)
            .packages()
            .get(0);
    assertThat(json.name() + " " + json.version()).isEqualTo("json 2.7.2");
    assertThat(json.license()).isEqualTo("Ruby, BSD-2-Clause");
  }

  @Test
  void aSpecificationWithoutNameOrVersionIsAWarning() throws IOException {
    String path = "usr/local/bundle/specifications/x-1.gemspec";
    List<String> hostile =
        List.of(
            "",
            "s.name = \"x\"\ns.version = \"1\"\n", // no Gem::Specification block
            "Gem::Specification.new do |s|\n  s.name = \"x\"\n", // truncated before the version
            "Gem::Specification.new do |s|\n  s.name = \"x\n  s.version = \"1\"\n", // unterminated
            "Gem::Specification.new do |s|\n  s.name = X::NAME\n  s.version = X::VERSION\n",
            "\u0000\u00ff\u00fe binary");
    for (String content : hostile) {
      assertThat(analyze(new GemspecAnalyzer(), path, content).warnings())
          .as(content)
          .containsExactly("/" + path + " names no gem and version");
    }
    byte[] invalidUtf8 =
        "Gem::Specification.new do |s|\n s.name = \"caf\u00ff\"\n s.version = \"1.0\"\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(analyze(new GemspecAnalyzer(), path, invalidUtf8).packages()).hasSize(1);
    String hugeLine =
        "Gem::Specification.new do |s|\n s.name = \"big\"\n s.files = [\""
            + "f".repeat(4_000_000)
            + "\"]\n s.version = \"1.0\"\n";
    assertThat(named(analyze(new GemspecAnalyzer(), path, hugeLine).packages()))
        .containsExactly("big 1.0");
  }

  @Test
  void onlySpecificationsAndLockfilesWithinTheSizeLimitAreRead() {
    GemspecAnalyzer gemspec = new GemspecAnalyzer();
    assertThat(
            gemspec.required(
                "usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", 10))
        .isTrue();
    assertThat(gemspec.required("srv/app/vendor/rack/rack.gemspec", 10)).isFalse();
    assertThat(gemspec.maxFileSize()).isEqualTo(GemspecAnalyzer.MAX_SIZE);
    GemfileLockAnalyzer lock = new GemfileLockAnalyzer();
    assertThat(lock.required("srv/app/Gemfile.lock", 10)).isTrue();
    assertThat(lock.required("gems.locked", 10)).isTrue();
    assertThat(lock.required("srv/app/Gemfile.lock.bak", 10)).isFalse();
    assertThat(lock.maxFileSize()).isEqualTo(GemfileLockAnalyzer.MAX_SIZE);
  }

  @Test
  void lockfileGemsAreWhatBundlerItselfReads() throws IOException {
    Path lockfile = fixtures().resolve("project/Gemfile.lock");
    AnalysisResult result =
        analyze(new GemfileLockAnalyzer(), "srv/app/Gemfile.lock", Files.readAllBytes(lockfile));

    assertThat(result.warnings()).isEmpty();
    // GEM, PATH (mylib) and GIT (gitlib) sections alike.
    assertThat(named(result.packages()))
        .containsExactlyInAnyOrderElementsOf(oracle("project.specs"))
        .contains("mylib 0.3.1", "gitlib 1.4.0", "rack " + rackVersion());
    assertThat(result.packages()).allMatch(p -> p.type().equals("gem") && !p.dev());
  }

  @Test
  void lockfilesThatGemsShipAreReadAsBundlerReadsThem() throws IOException {
    Path rootfs = fixtures().resolve("rootfs");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(rootfs)) {
      for (Path lock : files.filter(f -> f.endsWith("Gemfile.lock")).sorted().toList()) {
        String path = rootfs.relativize(lock).toString();
        AnalysisResult result = analyze(new GemfileLockAnalyzer(), path, Files.readAllBytes(lock));
        assertThat(result.warnings()).as(path).isEmpty();
        result.packages().forEach(p -> found.add(path + " " + p.name() + " " + p.version()));
      }
    }

    // The lockfiles of the bundled gems (rbs's steep/, typeprof's; older builds of libruby3.1
    // also shipped rbs's own): as many as the archive's libruby3.1 ships today.
    assertThat(found).containsExactlyInAnyOrderElementsOf(oracle("lockfiles"));
  }

  @Test
  void platformGemsAreTheGemAtItsVersionOnce() throws IOException {
    byte[] lock;
    try (InputStream in = getClass().getResourceAsStream("Gemfile-platforms.lock")) {
      lock = in.readAllBytes();
    }
    AnalysisResult result = analyze(new GemfileLockAnalyzer(), "app/Gemfile.lock", lock);

    assertThat(result.warnings()).isEmpty();
    // A Windows checkout ends its lines with CRLF; the lockfile means the same.
    String crlf = new String(lock, StandardCharsets.UTF_8).replace("\n", "\r\n");
    assertThat(analyze(new GemfileLockAnalyzer(), "app/Gemfile.lock", crlf).packages())
        .isEqualTo(result.packages());
    assertThat(named(result.packages()))
        .containsExactly(
            "mini_portile2 2.8.7",
            "nokogiri 1.16.7",
            "racc 1.8.1",
            "sqlite3 2.0.4",
            "bundler-multilock 1.3.4");
  }

  @Test
  void aLockfileThatIsNotOneIsAWarning() throws IOException {
    assertThat(
            analyze(new GemfileLockAnalyzer(), "app/Gemfile.lock", "\u0000\u0001\u0002garbage\n")
                .warnings())
        .containsExactly("/app/Gemfile.lock: not a Gemfile.lock (no Bundler section)");
    assertThat(analyze(new GemfileLockAnalyzer(), "app/Gemfile.lock", "").warnings())
        .containsExactly("/app/Gemfile.lock: not a Gemfile.lock (no Bundler section)");
    AnalysisResult malformed =
        analyze(
            new GemfileLockAnalyzer(),
            "app/Gemfile.lock",
            "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.8)\n    broken\n"
                + "    too (1.0) many\n    dash (-linux)\n    empty ()\n");
    assertThat(named(malformed.packages())).containsExactly("rack 2.2.8");
    assertThat(malformed.warnings())
        .containsExactly(
            "/app/Gemfile.lock: 4 spec lines are not \"name (version)\" and were skipped (first: \"broken\")");
    // Cut off in the middle of a spec line: what came before still counts.
    AnalysisResult truncated =
        analyze(
            new GemfileLockAnalyzer(),
            "app/Gemfile.lock",
            "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.8)\n    rake (13.");
    assertThat(named(truncated.packages())).containsExactly("rack 2.2.8");
    assertThat(truncated.warnings()).hasSize(1);
  }

  private static List<JsonNode> gems(String json) throws IOException {
    JsonNode packages = new ObjectMapper().readTree(json).path("packages");
    return StreamSupport.stream(packages.spliterator(), false)
        .filter(p -> p.path("type").asText().equals("gem"))
        .toList();
  }

  @Test
  void imageScanFindsInstalledGemsButNotAnApplicationsLockfile() throws IOException {
    Path rootfs = fixtures().resolve("rootfs");
    List<OciLayoutBuilder.Entry> ruby = new ArrayList<>();
    ruby.add(file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"));
    for (String spec : specifications(rootfs)) {
      ruby.add(file(spec, Files.readAllBytes(rootfs.resolve(spec))));
    }
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer("apt-get install ruby ruby-rack", ruby.toArray(OciLayoutBuilder.Entry[]::new))
        .layer(
            "COPY . /srv/app",
            file(
                "srv/app/Gemfile.lock",
                Files.readAllBytes(fixtures().resolve("project/Gemfile.lock"))),
            file("usr/local/bundle/specifications/broken-1.0.gemspec", "Gem::Specification.new"))
        .writeTo(layout, "v1");

    Cli.Result result =
        Cli.run("sbom", "image", "oci:" + layout + ":v1", "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> gems = gems(result.out());
    assertThat(gems).hasSameSizeAs(oracle("gems"));
    assertThat(gems).noneMatch(g -> g.path("foundIn").asText().endsWith("Gemfile.lock"));
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:gem/rack@" + rackVersion() + "\"",
            "\"license\" : \"MIT\"",
            "/usr/local/bundle/specifications/broken-1.0.gemspec names no gem and version");
  }

  @Test
  void projectScanReadsTheLockfile() throws IOException {
    Cli.Result result =
        Cli.run("sbom", "fs", fixtures().resolve("project").toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> gems = gems(result.out());
    assertThat(gems).hasSameSizeAs(oracle("project.specs"));
    assertThat(gems).allMatch(g -> g.path("foundIn").asText().equals("Gemfile.lock"));
    assertThat(result.out()).contains("\"purl\" : \"pkg:gem/gitlib@1.4.0\"");
  }
}
