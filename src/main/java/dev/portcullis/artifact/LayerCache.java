package dev.portcullis.artifact;

import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Layer analyses on disk, keyed by diffID and the analyzers' types and versions, so a layer seen
 * once is never read again and an analyzer's new version invalidates only results it produced.
 */
public final class LayerCache {

  /** Bumped when the stored form changes, so that old entries are simply not found. */
  private static final int FORMAT = 4;

  private final Path directory;

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
        .forEach(
            a ->
                material
                    .append('|')
                    .append(a.type())
                    .append(':')
                    .append(a.version())
                    .append(':')
                    .append(a.configuration()));
    material.append("|max=").append(maxAnalyzedFileBytes);
    return Digest.sha256Of(material.toString().getBytes(StandardCharsets.UTF_8)).hex();
  }

  Optional<LayerAnalysis> get(String key) {
    Path file = pathFor(key);
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(
                new InflaterInputStream(Files.newInputStream(file)), 64 * 1024))) {
      return Optional.of(LayerAnalysisCodec.read(in));
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
      // Fast compression: entries are written once per layer and read on every scan.
      Deflater deflater = new Deflater(Deflater.BEST_SPEED);
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(
                  new DeflaterOutputStream(Files.newOutputStream(temporary), deflater),
                  64 * 1024))) {
        LayerAnalysisCodec.write(analysis, out);
      } finally {
        deflater.end();
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
    return directory.resolve("layers").resolve(key.substring(0, 2)).resolve(key + ".bin");
  }
}
