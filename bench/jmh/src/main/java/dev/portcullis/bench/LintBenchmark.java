package dev.portcullis.bench;

import dev.portcullis.image.InputException;
import dev.portcullis.misconfig.dockerfile.Dockerfile;
import dev.portcullis.misconfig.dockerfile.DockerfileFinder;
import dev.portcullis.misconfig.dockerfile.DockerfileLinter;
import dev.portcullis.misconfig.dockerfile.DockerfileParser;
import dev.portcullis.misconfig.dockerfile.Dockerignore;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code portcullis lint dockerfile} on one core: the test corpus (realistic Dockerfiles in the
 * style of official images, seed 002's two, and one-boundary edge cases) parsed and checked against
 * every rule with the shipped default policy. Each invocation lints the next Dockerfile of the
 * corpus, round robin, so the score is Dockerfiles per second. {@code parseAndCheck} starts from the
 * bytes in memory; {@code readParseAndCheck} also reads the file and looks for its .dockerignore,
 * from the page cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
@Threads(1)
public class LintBenchmark {

  /** The Dockerfile test resources; bench/jmh.sh runs from the project directory. */
  @Param("src/test/resources/dev/portcullis/misconfig/dockerfile")
  public String corpus;

  private final List<Path> paths = new ArrayList<>();
  private final List<byte[]> contents = new ArrayList<>();
  private final DockerfileParser parser = new DockerfileParser();
  private final Dockerignore missing = new Dockerignore(".dockerignore", false, List.of(".git"));
  private DockerfileLinter linter;
  private int next;

  @Setup
  public void read() throws IOException {
    Policy policy = new PolicyLoader().loadDefault();
    linter = new DockerfileLinter(policy.baseImages(), policy.dockerfile());
    for (DockerfileFinder.Found found : new DockerfileFinder().find(List.of(Path.of(corpus)))) {
      paths.add(found.path());
      contents.add(Files.readAllBytes(found.path()));
    }
    if (paths.size() < 50) {
      throw new IllegalStateException(corpus + ": expected the Dockerfile corpus, found " + paths.size());
    }
  }

  private int nextIndex() {
    int index = next;
    next = next + 1 == paths.size() ? 0 : next + 1;
    return index;
  }

  @Benchmark
  public int parseAndCheck() throws InputException {
    int i = nextIndex();
    Dockerfile file = parser.parse(paths.get(i).toString(), contents.get(i));
    return linter.lint(file, missing).findings().size();
  }

  @Benchmark
  public int readParseAndCheck() throws IOException {
    Path path = paths.get(nextIndex());
    return linter.lint(path, path.toString()).findings().size();
  }
}
