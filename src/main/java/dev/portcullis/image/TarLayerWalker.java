package dev.portcullis.image;

import dev.portcullis.image.LayerEntry.EntryType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads a layer blob once: verifies the blob digest, detects and undoes compression, verifies the
 * diffID, enforces the limits, and hands each tar entry to a visitor. The raw blob is read and
 * hashed on a second thread, so hashing overlaps with decompression and parsing.
 */
public final class TarLayerWalker {

  /**
   * Entry names are read as UTF-8, whatever the locale: Java 17 would use the platform's charset
   * (US-ASCII under LANG=C, as in many CI images), and Commons Compress refuses a name that charset
   * cannot decode, so a layer with a non-ASCII file name (ca-certificates has some) failed as
   * corrupt. For UTF-8 Commons Compress replaces undecodable bytes instead, as the runtimes, which
   * treat names as bytes, go on.
   */
  static final String TAR_NAMES = "UTF-8";

  private static final int DRAIN_BUFFER = 64 * 1024;

  /** The size of a tar header: no layer holds more entries than it has bytes over this. */
  private static final int TAR_RECORD = 512;

  /** Where a visited file's content comes from. */
  @FunctionalInterface
  private interface ContentOpener {
    InputStream open() throws IOException;
  }

  private final String sourceName;
  private final Limits limits;
  private final byte[] drainBuffer = new byte[DRAIN_BUFFER];

  public TarLayerWalker(String sourceName, Limits limits) {
    this.sourceName = sourceName;
    this.limits = limits;
  }

  /**
   * Walks a blob on local disk. An uncompressed tar is read in place: each header where it lies,
   * one after the other, and of the files only what a visitor reads, while a second thread hashes
   * the whole blob; no index of the headers is held. A compressed blob is streamed as {@link
   * #walk(InputStream, LayerRef, EntryVisitor)} does.
   */
  public void walk(LocalBlob blob, LayerRef layer, EntryVisitor visitor) throws IOException {
    if (compressionOf(blob) != Compression.NONE) {
      walk(blob.openStream(), layer, visitor);
      return;
    }
    String where = sourceName + ", " + layer.describe();
    if (blob.size() > limits.maxLayerBytes()) {
      throw new InputException(
          where
              + ": "
              + blob.size()
              + " bytes, more than the limit of "
              + limits.maxLayerBytes()
              + " for one layer");
    }
    try (BlobHasher hasher = BlobHasher.start(blob, where)) {
      try (FileChannel contents = FileChannel.open(blob.file(), StandardOpenOption.READ)) {
        TarHeaders headers = new TarHeaders(blob);
        try {
          walkInPlace(headers, contents, where, visitor);
        } finally {
          headers.close();
        }
      } catch (IOException | RuntimeException e) {
        throw blameBlobOr(hasher, layer, where, e);
      }
      // An uncompressed blob is its own diffID: one hash covers both.
      verifyRaw(hasher.digest(), layer, Compression.NONE, where);
    }
  }

  private void walkInPlace(
      TarHeaders headers, FileChannel contents, String where, EntryVisitor visitor)
      throws IOException {
    long entries = 0;
    TarArchiveEntry entry;
    while ((entry = headers.next()) != null) {
      if (++entries > limits.maxEntriesPerLayer()) {
        throw new InputException(
            where + ": more than " + limits.maxEntriesPerLayer() + " entries in one layer");
      }
      TarPaths.ImagePath path = TarPaths.inImage(entry.getName());
      if (path.path().isEmpty()) {
        continue;
      }
      long offset = headers.contentOffsetInFile();
      long size = entry.getSize();
      // A sparse file's content is scattered over the archive: the tar reader puts it together.
      ContentOpener content =
          entry.isSparse() || entry.isExtended()
              ? headers::openSparse
              : () -> new StoredContent(contents, offset, size);
      visit(entry, path, content, where, visitor);
    }
  }

  /**
   * Checks a local blob's digests without visiting its entries: the blob digest and, for an
   * uncompressed blob, the diffID over the raw bytes; for a compressed blob the diffID over the
   * decompressed bytes too, within the same expansion limits as a walk. For a layer whose analysis
   * is cached already, this is all that is left to prove.
   */
  public void verify(LocalBlob blob, LayerRef layer) throws IOException {
    String where = sourceName + ", " + layer.describe();
    if (compressionOf(blob) == Compression.NONE) {
      try (BlobHasher hasher = BlobHasher.start(blob, where)) {
        verifyRaw(hasher.digest(), layer, Compression.NONE, where);
      }
      return;
    }
    try (ReadAheadHasher raw = new ReadAheadHasher(blob.openStream(), where)) {
      BufferedInputStream buffered = new BufferedInputStream(raw, DRAIN_BUFFER);
      try {
        Compression compression = Compression.detect(buffered);
        InputStream plain = compression.decompress(buffered);
        InputStream bounded = new ExpansionGuard(plain, where, limits, raw::compressedBytesRead);
        drain(
            layer.diffId() == null
                ? bounded
                : new VerifyingInputStream(bounded, layer.diffId(), where + " (uncompressed)"));
        drain(buffered);
        verifyRaw(raw.rawDigest(), layer, compression, where);
      } catch (IOException | RuntimeException e) {
        // A blob that is not what its digest says explains any failure inside it best.
        blameBlobIfTampered(buffered, raw, layer, where);
        throw e instanceof InputException input
            ? input
            : new InputException(where + ": corrupt or truncated layer (" + describe(e) + ")", e);
      }
    }
  }

  private static Compression compressionOf(LocalBlob blob) throws IOException {
    try (BufferedInputStream head = new BufferedInputStream(blob.openStream(), 16)) {
      return Compression.detect(head);
    }
  }

  /**
   * What to report when reading a local blob failed: a blob that is not what its digest says
   * explains any failure inside it best.
   */
  private static InputException blameBlobOr(
      BlobHasher hasher, LayerRef layer, String where, Exception failure) {
    if (layer.blobDigest() != null || layer.diffId() != null) {
      try {
        verifyRaw(hasher.digest(), layer, Compression.NONE, where);
      } catch (DigestMismatchException mismatch) {
        return mismatch;
      } catch (IOException unreadable) {
        // the failure itself says more
      }
    }
    return failure instanceof InputException input
        ? input
        : new InputException(
            where + ": corrupt or truncated layer (" + describe(failure) + ")", failure);
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
    // Counted below the tar reader, which reads no further than it must: where the tar ended.
    BoundedInputStream counted =
        BoundedInputStream.builder().setInputStream(CloseShieldInputStream.wrap(tarBytes)).get();
    TarArchiveInputStream tar = new TarArchiveInputStream(counted, TAR_NAMES);
    walkEntries(tar, counted, where, visitor);
    drainAfterArchive(tarBytes, where);
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

  /** Walks a streamed tar, whose every byte must pass through for the digests. */
  private void walkEntries(
      TarArchiveInputStream tar, BoundedInputStream tarBytes, String where, EntryVisitor visitor)
      throws IOException {
    // The tar stream ends each entry's content; the shield keeps a visitor from closing it.
    ContentOpener content = () -> CloseShieldInputStream.wrap(tar);
    long entries = 0;
    long dataEnd = -1;
    TarArchiveEntry entry;
    while ((entry = nextEntry(tar, dataEnd, tarBytes)) != null) {
      if (++entries > limits.maxEntriesPerLayer()) {
        throw new InputException(
            where + ": more than " + limits.maxEntriesPerLayer() + " entries in one layer");
      }
      TarPaths.ImagePath path = TarPaths.inImage(entry.getName());
      if (!path.path().isEmpty()) {
        visit(entry, path, content, where, visitor);
      }
      // Consume what the visitor left, with one buffer, rather than letting the tar reader skip.
      drain(tar);
      dataEnd = tarBytes.getCount();
    }
  }

  /**
   * The next entry, or null at the end. A tar that ends right after an entry's content, without the
   * padding to a full record, ends there: Go's tar reader takes it so (and so containerd and
   * Trivy), and {@code umoci insert} writes such layers. A tar that ends inside the content or the
   * padding is truncated.
   */
  private static TarArchiveEntry nextEntry(
      TarArchiveInputStream tar, long dataEnd, BoundedInputStream tarBytes) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      if (tarBytes.getCount() == dataEnd && tarBytes.read() < 0) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Hands one entry to the visitor. Its name, and a hard link's target, are read as containerd
   * applies a layer; a symlink's target is kept as written, since links are resolved only inside
   * the image ({@link LayeredFilesystem#resolve}).
   */
  private void visit(
      TarArchiveEntry entry,
      TarPaths.ImagePath path,
      ContentOpener content,
      String where,
      EntryVisitor visitor)
      throws IOException {
    EntryType type = typeOf(entry);
    String linkTarget = null;
    String warning = null;
    if (path.climbed()) {
      warning = climbed("tar entry '" + entry.getName() + "'", path, where);
    }
    if (type == EntryType.HARDLINK) {
      TarPaths.ImagePath target = TarPaths.inImage(entry.getLinkName());
      linkTarget = target.path();
      if (target.climbed() && warning == null) {
        warning =
            climbed(
                "the target '" + entry.getLinkName() + "' of hard link /" + path.path(),
                target,
                where);
      }
    } else if (type == EntryType.SYMLINK) {
      linkTarget = entry.getLinkName();
    }
    visitor.visit(
        new LayerEntry(
            path.path(),
            type,
            entry.getSize(),
            entry.getMode(),
            linkTarget,
            type == EntryType.FILE ? content.open() : InputStream.nullInputStream(),
            warning));
  }

  private static String climbed(String what, TarPaths.ImagePath path, String where) {
    return where
        + ": "
        + what
        + " climbs above the image root with '..'; read as /"
        + path.path()
        + ", where container runtimes put it";
  }

  /**
   * Reads what follows the tar's end, for the digest: tar writers pad with a few KiB, and a layer
   * that goes on inflating beyond the limit is refused rather than inflated to the end.
   */
  private void drainAfterArchive(InputStream in, String where) throws IOException {
    long after = 0;
    int n;
    while ((n = in.read(drainBuffer, 0, drainBuffer.length)) >= 0) {
      after += n;
      if (after > limits.maxBytesAfterArchive()) {
        throw new InputException(
            where
                + ": more than "
                + limits.maxBytesAfterArchive()
                + " bytes after the end of the tar archive, the limit for one layer"
                + " (decompression bomb?)");
      }
    }
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
