package dev.portcullis.artifact;

import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.Digest;
import dev.portcullis.image.FileIdentity;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.LocalBlob;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
 * Beside them, records of local blobs whose digests were checked, keyed by the identity of the file
 * that holds them ({@link FileIdentity}): a later run over the same, unchanged file need not hash
 * the blob again.
 */
public final class LayerCache {

  /** Bumped when the stored form changes, so that old entries are simply not found. */
  private static final int FORMAT = 4;

  /** Bumped when a verification record's content changes; old records are then not found. */
  private static final int VERIFIED_FORMAT = 1;

  private static final long MAX_RECORD_BYTES = 64 * 1024;

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
    try (LayerAnalysisCodec.Input in =
        new LayerAnalysisCodec.Input(
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
      moveIntoPlace(temporary, file);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Whether this blob, at this place in a file of this identity, was found to hold the layer's
   * digests by an earlier run. The record holds everything it was made from, and is trusted only
   * where it says exactly that; an unreadable or foreign record is not.
   */
  boolean isVerified(FileIdentity identity, LocalBlob blob, LayerRef layer) {
    String material = verifiedMaterial(identity, blob, layer);
    Path file = verifiedPathFor(material);
    try {
      // A record is a few hundred bytes; anything much larger is not one, and is not read whole.
      if (Files.size(file) > MAX_RECORD_BYTES) {
        return false;
      }
      return Files.readString(file, StandardCharsets.UTF_8).equals(material);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Records that the blob holds the layer's digests. The identity must have been read before the
   * blob was hashed: a file rewritten meanwhile then has another identity than the one recorded.
   */
  void recordVerified(FileIdentity identity, LocalBlob blob, LayerRef layer) throws IOException {
    String material = verifiedMaterial(identity, blob, layer);
    Path file = verifiedPathFor(material);
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temporary, material, StandardCharsets.UTF_8);
      moveIntoPlace(temporary, file);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String verifiedMaterial(FileIdentity identity, LocalBlob blob, LayerRef layer) {
    return "portcullis verified blob "
        + VERIFIED_FORMAT
        + "\nfile="
        + identity.file()
        + "\ndevice="
        + identity.device()
        + "\ninode="
        + identity.inode()
        + "\nsize="
        + identity.size()
        + "\nmtime="
        + identity.modifiedNanos()
        + "\nctime="
        + identity.changedNanos()
        + "\noffset="
        + blob.offset()
        + "\nlength="
        + blob.size()
        + "\nblob="
        + layer.blobDigest()
        + "\ndiffid="
        + layer.diffId()
        + "\n";
  }

  private Path verifiedPathFor(String material) {
    String key = Digest.sha256Of(material.getBytes(StandardCharsets.UTF_8)).hex();
    return directory.resolve("verified").resolve(key.substring(0, 2)).resolve(key);
  }

  private static void moveIntoPlace(Path temporary, Path file) throws IOException {
    try {
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path pathFor(String key) {
    return directory.resolve("layers").resolve(key.substring(0, 2)).resolve(key + ".bin");
  }
}
