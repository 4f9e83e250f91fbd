package dev.portcullis.bench;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.artifact.ImageInventory;
import dev.portcullis.artifact.ImageSources;
import dev.portcullis.artifact.LayerCache;
import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.registry.RegistryTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline once the JVM is warm: walking a layer (read-ahead hashing, tar parsing, digest
 * checks) and building an inventory from the layer cache. Start-up cost is what bench/sbom-vs-trivy.sh
 * measures; this isolates the work Portcullis itself does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InventoryBenchmark {

  /** A docker-archive; bench/jmh.sh passes the Debian test image. */
  @Param("../../target/test-images/debian-next.tar")
  public String image;

  private SourceOptions options;
  private LayerCache cache;

  @Setup
  public void fillCache() throws IOException {
    options =
        new SourceOptions(
            Platform.linuxAmd64(), Limits.defaults(), null, false, RegistryTimeouts.defaults(), false);
    cache = new LayerCache(Files.createTempDirectory("portcullis-jmh-cache"));
    inventory(cache);
  }

  @Benchmark
  public long walkAllLayers() throws IOException {
    long[] entries = new long[1];
    try (ImageSource source = ImageSources.open("docker-archive:" + image, options)) {
      ResolvedImage resolved = source.resolve();
      for (LayerRef layer : resolved.layers()) {
        source.walkLayer(layer, Limits.defaults(), entry -> entries[0]++);
      }
    }
    return entries[0];
  }

  @Benchmark
  public Inventory inventoryWithoutCache() throws IOException {
    return inventory(null);
  }

  @Benchmark
  public Inventory inventoryFromCache() throws IOException {
    return inventory(cache);
  }

  private Inventory inventory(LayerCache layerCache) throws IOException {
    try (ImageSource source = ImageSources.open("docker-archive:" + Path.of(image), options)) {
      return new ImageInventory(
              Analyzers.forImages(ArchiveLimits.defaults()), Limits.defaults(), layerCache).build(source);
    }
  }
}
