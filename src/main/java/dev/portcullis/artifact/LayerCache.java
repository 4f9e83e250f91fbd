package dev.portcullis.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.Digest;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Layer analyses on disk, keyed by diffID and the analyzers' types and versions, so a layer seen
 * once is never read again and an analyzer's new version invalidates only results it produced.
 */
public final class LayerCache {

  /** Bumped when {@link LayerAnalysis}'s serialised form changes. */
  private static final int FORMAT = 1;

  private final Path directory;
  private final ObjectMapper mapper = Json.mapper();

  public LayerCache(Path directory) {
    this.directory = directory;
  }

  /** {@code $XDG_CACHE_HOME/portcullis}, else {@code ~/.cache/portcullis}. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("portcullis");
  }

  /** The key for one layer under one set of analyzers. */
  static String key(String diffId, List<Analyzer> analyzers, long maxAnalyzedFileBytes) {
    StringBuilder material = new StringBuilder("format=").append(FORMAT).append('|').append(diffId);
    analyzers.stream()
        .sorted(Comparator.comparing(Analyzer::type))
        .forEach(a -> material.append('|').append(a.type()).append(':').append(a.version()));
    material.append("|max=").append(maxAnalyzedFileBytes);
    return Digest.sha256Of(material.toString().getBytes(StandardCharsets.UTF_8)).hex();
  }

  Optional<LayerAnalysis> get(String key) {
    Path file = pathFor(key);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
      return Optional.of(mapper.readValue(in, LayerAnalysis.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // A damaged entry is not an error of the scan: analyse the layer again and overwrite it.
      return Optional.empty();
    }
  }

  void put(String key, LayerAnalysis analysis) throws IOException {
    Path file = pathFor(key);
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), key, ".tmp");
    try {
      try (OutputStream out = new FastGzipOutputStream(Files.newOutputStream(temporary))) {
        mapper.writeValue(out, analysis);
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private Path pathFor(String key) {
    return directory.resolve("layers").resolve(key.substring(0, 2)).resolve(key + ".json.gz");
  }

  /** Favours speed over size: cache entries are written once per layer and read on every scan. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
