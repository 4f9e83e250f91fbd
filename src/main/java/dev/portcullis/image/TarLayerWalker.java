package dev.portcullis.image;

import dev.portcullis.image.LayerEntry.EntryType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Streams a layer blob once: verifies the blob digest, detects and undoes compression, verifies the
 * diffID, enforces the limits, and hands each tar entry to a visitor. The raw blob is read and
 * hashed on a second thread, so hashing overlaps with decompression and parsing.
 */
public final class TarLayerWalker {

  private static final int DRAIN_BUFFER = 64 * 1024;

  private final String sourceName;
  private final Limits limits;
  private final byte[] drainBuffer = new byte[DRAIN_BUFFER];

  public TarLayerWalker(String sourceName, Limits limits) {
    this.sourceName = sourceName;
    this.limits = limits;
  }

  /** Walks the blob and closes it. */
  public void walk(InputStream blob, LayerRef layer, EntryVisitor visitor) throws IOException {
    String where = sourceName + ", " + layer.describe();
    try (ReadAheadHasher raw = new ReadAheadHasher(blob, where)) {
      BufferedInputStream buffered = new BufferedInputStream(raw, DRAIN_BUFFER);
      try {
        walkVerified(buffered, raw, layer, where, visitor);
      } catch (IOException | RuntimeException e) {
        // A blob that is not what its digest says explains any failure inside it best.
        blameBlobIfTampered(buffered, raw, layer, where);
        throw e instanceof InputException input
            ? input
            : new InputException(where + ": corrupt or truncated layer (" + describe(e) + ")", e);
      }
    }
  }

  private void walkVerified(
      BufferedInputStream buffered,
      ReadAheadHasher raw,
      LayerRef layer,
      String where,
      EntryVisitor visitor)
      throws IOException {
    Compression compression = Compression.detect(buffered);
    InputStream plain = compression.decompress(buffered);
    InputStream bounded = new ExpansionGuard(plain, where, limits, raw::compressedBytesRead);
    // An uncompressed blob is its own diffID: the read-ahead thread's hash covers both.
    VerifyingInputStream diffIdCheck =
        layer.diffId() == null || compression == Compression.NONE
            ? null
            : new VerifyingInputStream(bounded, layer.diffId(), where + " (uncompressed)");
    InputStream tarBytes = diffIdCheck == null ? bounded : diffIdCheck;
    walkEntries(new TarArchiveInputStream(CloseShieldInputStream.wrap(tarBytes)), where, visitor);
    drain(tarBytes);
    drain(buffered);
    verifyRaw(raw.rawDigest(), layer, compression, where);
  }

  private void blameBlobIfTampered(
      BufferedInputStream buffered, ReadAheadHasher raw, LayerRef layer, String where)
      throws DigestMismatchException {
    if (layer.blobDigest() == null) {
      return;
    }
    try {
      drain(buffered);
    } catch (IOException e) {
      return;
    }
    byte[] digest = raw.rawDigest();
    if (digest != null && !layer.blobDigest().matches(digest)) {
      throw new DigestMismatchException(where + " blob", layer.blobDigest(), Digest.sha256(digest));
    }
  }

  private static void verifyRaw(
      byte[] rawDigest, LayerRef layer, Compression compression, String where)
      throws DigestMismatchException {
    if (layer.blobDigest() != null && !layer.blobDigest().matches(rawDigest)) {
      throw new DigestMismatchException(
          where + " blob", layer.blobDigest(), Digest.sha256(rawDigest));
    }
    if (compression == Compression.NONE
        && layer.diffId() != null
        && !layer.diffId().matches(rawDigest)) {
      throw new DigestMismatchException(
          where + " (uncompressed)", layer.diffId(), Digest.sha256(rawDigest));
    }
  }

  private void walkEntries(TarArchiveInputStream tar, String where, EntryVisitor visitor)
      throws IOException {
    long entries = 0;
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      if (++entries > limits.maxEntriesPerLayer()) {
        throw new InputException(
            where + ": more than " + limits.maxEntriesPerLayer() + " entries in one layer");
      }
      String path = TarPaths.normalize(entry.getName(), where);
      if (!path.isEmpty()) {
        visit(tar, entry, path, where, visitor);
      }
      // Consume what the visitor left, with one buffer, rather than letting the tar reader skip.
      drain(tar);
    }
  }

  private void visit(
      TarArchiveInputStream tar,
      TarArchiveEntry entry,
      String path,
      String where,
      EntryVisitor visitor)
      throws IOException {
    EntryType type = typeOf(entry);
    String linkTarget = null;
    if (type == EntryType.HARDLINK) {
      linkTarget = TarPaths.normalize(entry.getLinkName(), where);
    } else if (type == EntryType.SYMLINK) {
      linkTarget = entry.getLinkName();
    }
    // The tar stream itself ends each entry's content; the shield keeps a visitor from closing it.
    InputStream content =
        type == EntryType.FILE ? CloseShieldInputStream.wrap(tar) : InputStream.nullInputStream();
    visitor.visit(
        new LayerEntry(path, type, entry.getSize(), entry.getMode(), linkTarget, content));
  }

  private void drain(InputStream in) throws IOException {
    while (in.read(drainBuffer, 0, drainBuffer.length) >= 0) {
      // reading to the end is the point: digests must cover every byte
    }
  }

  private static EntryType typeOf(TarArchiveEntry entry) {
    if (entry.isSymbolicLink()) {
      return EntryType.SYMLINK;
    }
    if (entry.isLink()) {
      return EntryType.HARDLINK;
    }
    if (entry.isDirectory()) {
      return EntryType.DIRECTORY;
    }
    if (entry.isFile()) {
      return EntryType.FILE;
    }
    return EntryType.OTHER;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
