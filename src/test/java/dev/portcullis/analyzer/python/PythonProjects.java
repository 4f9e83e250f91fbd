package dev.portcullis.analyzer.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.Scripts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the Python lockfile tests share: the real lockfiles of scripts/fetch-python-lockfiles.sh
 * (fetched once per run, kept under target/python-lockfiles), the hand-written ones next to the
 * tests, and {@code sbom fs} read back as packages.
 */
final class PythonProjects {

  private static Path real;

  private PythonProjects() {}

  /** A package as the JSON report lists it. */
  record Found(String name, String version, boolean dev, String foundIn, String purl) {
    /** "name version", and " dev" for a development dependency: one line to compare. */
    String line() {
      return name + " " + version + (dev ? " dev" : "");
    }
  }

  /** What {@code sbom fs} reported. */
  record Sbom(List<Found> packages, List<String> warnings) {
    List<String> lines() {
      return packages.stream().map(Found::line).toList();
    }

    List<String> linesFrom(String foundIn) {
      return packages.stream().filter(p -> p.foundIn().equals(foundIn)).map(Found::line).toList();
    }
  }

  /** The directory of the real lockfiles, fetching them first if this run has not. */
  static synchronized Path realLockfiles() {
    if (real == null) {
      Path out =
          Path.of(System.getProperty("portcullis.pythonLockfiles", "target/python-lockfiles"));
      if (!Files.exists(out.resolve(".complete-2"))) {
        Scripts.run("fetch-python-lockfiles.sh", out);
      }
      real = out;
    }
    return real;
  }

  /** A hand-written project next to the tests, copied to {@code into} so tests may add to it. */
  static Path fixture(String name, Path into) throws IOException {
    Path source;
    try {
      source = Path.of(PythonProjects.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Files.createDirectories(into);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Files.copy(file, into.resolve(file.getFileName().toString()));
      }
    }
    return into;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = PythonProjects.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code portcullis sbom fs DIR --format json}, which must succeed. */
  static Sbom sbomFs(Path directory) {
    Cli.Result result = Cli.run("sbom", "fs", directory.toString(), "--no-cache", "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    try {
      JsonNode report = new ObjectMapper().readTree(result.out());
      List<Found> packages = new ArrayList<>();
      for (JsonNode p : report.path("packages")) {
        packages.add(
            new Found(
                p.path("name").asText(),
                p.path("version").asText(),
                p.path("dev").asBoolean(false),
                p.path("foundIn").asText(),
                p.path("purl").asText()));
      }
      List<String> warnings = new ArrayList<>();
      report.path("warnings").forEach(w -> warnings.add(w.asText()));
      return new Sbom(packages, warnings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One analyzer on one file, the way the engine offers it. */
  static AnalysisResult analyze(Analyzer analyzer, String path, byte[] content) throws IOException {
    assertThat(analyzer.required(path, content.length)).as(path).isTrue();
    return analyzer.analyze(
        new AnalysisInput(path, content.length, new ByteArrayInputStream(content)));
  }

  static AnalysisResult analyze(Analyzer analyzer, String path, String content) throws IOException {
    return analyze(analyzer, path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** "name version[ dev]" per package found. */
  static List<String> lines(AnalysisResult result) {
    return result.packages().stream()
        .map(p -> p.name() + " " + p.version() + (p.dev() ? " dev" : ""))
        .toList();
  }

  /**
   * A stream of {@code size} bytes that claims to be small: what a file that grows between the walk
   * and the read, or a lying tar header, would give.
   */
  static AnalysisInput endless(String path, long claimedSize) {
    InputStream zeros =
        new InputStream() {
          @Override
          public int read() {
            return ' ';
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) ' ');
            return length;
          }
        };
    return new AnalysisInput(path, claimedSize, zeros);
  }
}
