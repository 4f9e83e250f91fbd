package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * The headers of an uncompressed tar on local disk, read where they lie: each entry's content is
 * stepped over by position, never read. Commons Compress' {@code TarArchiveInputStream} skips
 * content by reading it (into a fresh 8 KiB buffer per entry), which for a layer read in place
 * meant reading the whole layer a second time beside the thread that hashes it.
 *
 * <p>Headers are parsed by Commons Compress ({@link TarArchiveEntry}); this class only follows the
 * chain: GNU long names and links, PAX extended and global headers. A sparse file, which no image
 * tool writes, is handed to {@code TarArchiveInputStream} from its first header on.
 */
final class TarHeaders {

  static final int RECORD = 512;

  /** In an old GNU sparse extension record: whether another follows (after 21 map entries). */
  private static final int SPARSE_EXTENSION_FLAG = 504;

  /** GNU long names and PAX headers are names and a few attributes; nothing near this size. */
  private static final int MAX_META_BYTES = 1024 * 1024;

  private static final ZipEncoding NAMES =
      ZipEncodingHelper.getZipEncoding(TarLayerWalker.TAR_NAMES);

  private final LocalBlob blob;
  private final SeekableByteChannel channel;
  private final byte[] header = new byte[RECORD];
  private final Map<String, String> globalPax = new HashMap<>();

  /** Where the next header lies, relative to the blob's start. */
  private long next;

  /** Where the last entry's content ended, unpadded: a tar may end right there. */
  private long lastDataEnd;

  /** Where the current entry's content starts, and its first header (of several, if any). */
  private long dataStart;

  private long groupStart;

  TarHeaders(LocalBlob blob) throws IOException {
    this.blob = blob;
    this.channel = blob.openChannel();
  }

  /** Where the current entry's content starts in the blob's file. */
  long contentOffsetInFile() {
    return blob.offset() + dataStart;
  }

  /** The next entry, or null at the end of the archive. */
  TarArchiveEntry next() throws IOException {
    groupStart = next;
    Map<String, String> pax = null;
    String longName = null;
    String longLink = null;
    while (true) {
      if (!readHeader()) {
        return null;
      }
      TarArchiveEntry entry;
      try {
        entry = new TarArchiveEntry(globalPax, header, NAMES, false, next + RECORD);
      } catch (IllegalArgumentException e) {
        throw new IOException("Error detected parsing the header", e);
      }
      long start = next + RECORD;
      if (entry.isGNULongNameEntry() || entry.isGNULongLinkEntry()) {
        String name = cString(metaData(entry, start));
        if (entry.isGNULongNameEntry()) {
          longName = name;
        } else {
          longLink = name;
        }
        continue;
      }
      if (entry.isGlobalPaxHeader()) {
        parsePax(metaData(entry, start), globalPax);
        continue;
      }
      if (entry.isPaxHeader()) {
        pax = new LinkedHashMap<>();
        parsePax(metaData(entry, start), pax);
        continue;
      }
      if (longName != null) {
        entry.setName(entry.isDirectory() && !longName.endsWith("/") ? longName + "/" : longName);
      }
      if (longLink != null) {
        entry.setLinkName(longLink);
      }
      if (pax != null) {
        // As TarArchiveInputStream does: an entry's PAX headers start from the global ones.
        Map<String, String> all = new LinkedHashMap<>(globalPax);
        all.putAll(pax);
        applyPax(entry, all);
      }
      if (entry.isOldGNUSparse() && entry.isExtended()) {
        start = afterSparseExtensions(start);
      }
      // A sparse entry's size is what the archive stores (its map included, for PAX 1.0 sparse
      // files), so the next header lies after that, as for any entry.
      step(entry.getSize(), start);
      return entry;
    }
  }

  /** Opens the current entry's content, which must be sparse, through the tar stream reader. */
  InputStream openSparse() throws IOException {
    TarArchiveInputStream tar = sparseReader(groupStart);
    tar.getNextEntry();
    return tar;
  }

  private TarArchiveInputStream sparseReader(long at) throws IOException {
    return new TarArchiveInputStream(from(at), TarLayerWalker.TAR_NAMES);
  }

  private InputStream from(long at) throws IOException {
    return Channels.newInputStream(
        new ChannelSlice(
            FileChannel.open(blob.file(), StandardOpenOption.READ),
            blob.offset() + at,
            blob.size() - at));
  }

  /**
   * Where an old GNU sparse file's content starts: after the extension records that continue its
   * map, each flagged in its byte 504 when another follows.
   */
  private long afterSparseExtensions(long start) throws IOException {
    byte[] extension = new byte[RECORD];
    long at = start;
    do {
      if (readFully(at, extension) < RECORD) {
        throw new IOException("truncated tar: a sparse file's map is incomplete");
      }
      at += RECORD;
    } while (extension[SPARSE_EXTENSION_FLAG] != 0);
    return at;
  }

  /** Reads the record at {@link #next}; false at the end of the archive. */
  private boolean readHeader() throws IOException {
    int read = readFully(next, header);
    if (read == 0 && (next == blob.size() || lastDataEnd == blob.size())) {
      // The file ends at a record boundary, or right after the last content (Go's tar reader,
      // and so containerd, take both as the end).
      return false;
    }
    if (read < RECORD) {
      throw new IOException("truncated tar: the record at " + next + " is incomplete");
    }
    for (byte b : header) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }

  private void step(long size, long start) throws IOException {
    if (size < 0 || start + size > blob.size() || start + size < start) {
      throw new IOException("truncated tar: an entry's content runs past the end of the layer");
    }
    dataStart = start;
    lastDataEnd = start + size;
    next = start + padded(size);
  }

  private static long padded(long size) {
    return (size + RECORD - 1) / RECORD * RECORD;
  }

  private byte[] metaData(TarArchiveEntry entry, long start) throws IOException {
    long size = entry.getSize();
    if (size > MAX_META_BYTES) {
      throw new IOException("a tar long name or PAX header of " + size + " bytes");
    }
    step(size, start);
    byte[] data = new byte[(int) size];
    if (readFully(start, data) < size) {
      throw new IOException("truncated tar: a long name or PAX header is incomplete");
    }
    return data;
  }

  private int readFully(long at, byte[] into) throws IOException {
    channel.position(at);
    ByteBuffer buffer = ByteBuffer.wrap(into);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        break;
      }
    }
    return buffer.position();
  }

  private static String cString(byte[] data) throws IOException {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    return NAMES.decode(Arrays.copyOf(data, end));
  }

  /** PAX records: {@code "LENGTH key=value\n"}, LENGTH counting the whole record. */
  static void parsePax(byte[] data, Map<String, String> into) throws IOException {
    int at = 0;
    while (at < data.length) {
      if (data[at] == 0) {
        return; // padding some writers leave
      }
      int space = at;
      long length = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9') {
        length = length * 10 + (data[space] - '0');
        if (length > data.length) {
          throw new IOException("malformed PAX header: a record longer than the header");
        }
        space++;
      }
      int end = (int) (at + length);
      if (space == at
          || space >= data.length
          || data[space] != ' '
          || end > data.length
          || end <= space + 1
          || data[end - 1] != '\n') {
        throw new IOException("malformed PAX header");
      }
      int equals = space + 1;
      while (equals < end - 1 && data[equals] != '=') {
        equals++;
      }
      if (equals == end - 1) {
        throw new IOException("malformed PAX header: a record without '='");
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
      String value = new String(data, equals + 1, end - 1 - equals - 1, StandardCharsets.UTF_8);
      if (value.isEmpty()) {
        into.remove(key);
      } else {
        into.put(key, value);
      }
      at = end;
    }
  }

  private static void applyPax(TarArchiveEntry entry, Map<String, String> pax) throws IOException {
    try {
      pax.forEach(entry::addPaxHeader);
    } catch (RuntimeException e) {
      throw new IOException("malformed PAX header (" + e.getMessage() + ")", e);
    }
  }

  void close() throws IOException {
    channel.close();
  }
}
