package dev.portcullis.bench;

import dev.portcullis.secret.SecretRuleSet;
import dev.portcullis.secret.SecretScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The secret scanner alone, on one core: every built-in rule over a corpus of real source files
 * held in memory (by default the Python standard library and modules of the machine, full of the
 * words the generic rules look for). One operation scans the whole corpus; divide its size, which
 * setup prints, by the time for the throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
@Threads(1)
public class SecretScanBenchmark {

  /** A directory of text files. */
  @Param("/usr/lib/python3")
  public String corpus;

  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private final List<String> paths = new ArrayList<>();
  private final List<byte[]> contents = new ArrayList<>();
  private final SecretScanner scanner = new SecretScanner(SecretRuleSet.builtin());

  @Setup
  public void read() throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(Path.of(corpus))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.toString();
        if (total < MAX_BYTES && (name.endsWith(".py") || name.endsWith(".txt"))) {
          byte[] bytes = Files.readAllBytes(file);
          paths.add(name.substring(1));
          contents.add(bytes);
          total += bytes.length;
        }
      }
    }
    System.out.printf("%ncorpus: %d files, %.1f MiB%n", paths.size(), total / 1048576.0);
  }

  @Benchmark
  public int scanCorpus() throws IOException {
    int found = 0;
    for (int i = 0; i < paths.size(); i++) {
      byte[] bytes = contents.get(i);
      found += scanner.scan(paths.get(i), bytes.length, new ByteArrayInputStream(bytes)).size();
    }
    return found;
  }
}
