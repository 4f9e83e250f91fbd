package dev.portcullis.image;

import dev.portcullis.image.LayerEntry.EntryType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Streams a layer blob once: verifies the blob digest, detects and undoes compression, verifies the
 * diffID, enforces the limits, and hands each tar entry to a visitor.
 */
public final class TarLayerWalker {

  private final String sourceName;
  private final Limits limits;

  public TarLayerWalker(String sourceName, Limits limits) {
    this.sourceName = sourceName;
    this.limits = limits;
  }

  /** Walks the blob and closes it. */
  public void walk(InputStream blob, LayerRef layer, EntryVisitor visitor) throws IOException {
    String where = sourceName + ", " + layer.describe();
    try (blob) {
      CountingInputStream compressed = new CountingInputStream(blob);
      VerifyingInputStream blobCheck =
          layer.blobDigest() == null
              ? null
              : new VerifyingInputStream(compressed, layer.blobDigest(), where + " blob");
      BufferedInputStream buffered =
          new BufferedInputStream(blobCheck == null ? compressed : blobCheck, 64 * 1024);
      InputStream plain = Compression.detect(buffered).decompress(buffered);
      InputStream bounded = new ExpansionGuard(plain, where, limits, compressed::count);
      VerifyingInputStream diffIdCheck =
          layer.diffId() == null
              ? null
              : new VerifyingInputStream(bounded, layer.diffId(), where + " (uncompressed)");
      InputStream tarBytes = diffIdCheck == null ? bounded : diffIdCheck;
      walkEntries(new TarArchiveInputStream(CloseShieldInputStream.wrap(tarBytes)), where, visitor);
      if (diffIdCheck != null) {
        diffIdCheck.drainAndVerify();
      } else {
        tarBytes.transferTo(OutputStreamNull.INSTANCE);
      }
      if (blobCheck != null) {
        blobCheck.drainAndVerify();
      }
    } catch (InputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InputException(where + ": corrupt or truncated layer (" + describe(e) + ")", e);
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
      if (path.isEmpty()) {
        continue;
      }
      EntryType type = typeOf(entry);
      String linkTarget = null;
      if (type == EntryType.HARDLINK) {
        linkTarget = TarPaths.normalize(entry.getLinkName(), where);
      } else if (type == EntryType.SYMLINK) {
        linkTarget = entry.getLinkName();
      }
      InputStream content =
          type == EntryType.FILE
              ? BoundedInputStream.builder()
                  .setInputStream(CloseShieldInputStream.wrap(tar))
                  .setMaxCount(entry.getSize())
                  .get()
              : InputStream.nullInputStream();
      visitor.visit(
          new LayerEntry(path, type, entry.getSize(), entry.getMode(), linkTarget, content));
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

  /** Discards bytes; used to consume a layer to its end so the digests cover all of it. */
  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
