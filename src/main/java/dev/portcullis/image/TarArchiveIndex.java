package dev.portcullis.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Random access to the members of an uncompressed tar on disk (a docker-archive or oci-archive),
 * reading only headers up front and never extracting.
 */
final class TarArchiveIndex implements Closeable, BlobStore {

  private static final int MAX_LINK_HOPS = 16;

  private final Path path;
  private final String name;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();

  TarArchiveIndex(Path path, String name) throws IOException {
    this.path = path;
    this.name = name;
    try {
      this.tar = new TarFile(path);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new InputException(name + ": not a readable tar archive (" + e.getMessage() + ")", e);
    }
    for (TarArchiveEntry entry : tar.getEntries()) {
      String normalized = TarPaths.normalize(entry.getName(), name);
      if (!normalized.isEmpty()) {
        entries.put(normalized, entry);
      }
    }
  }

  boolean contains(String member) {
    return entries.containsKey(member);
  }

  /** Opens a member, following symlinks that stay inside the archive. */
  InputStream open(String member, String what) throws IOException {
    return tar.getInputStream(regularFile(member, what));
  }

  /** Where a member's bytes lie in the archive file, following symlinks as {@link #open} does. */
  LocalBlob locate(String member, String what) throws IOException {
    TarArchiveEntry entry = regularFile(member, what);
    if (entry.isSparse()) {
      throw new InputException(
          what + ": '" + member + "' is stored in " + name + " as a sparse file; a blob never is");
    }
    return new LocalBlob(path, entry.getDataOffset(), entry.getSize(), name);
  }

  @Override
  public LocalBlob locate(Digest digest, String what) throws IOException {
    return locate(member(digest, what), what);
  }

  private TarArchiveEntry regularFile(String member, String what) throws IOException {
    String current = member;
    for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      TarArchiveEntry entry = entries.get(current);
      if (entry == null) {
        throw new InputException(what + ": '" + member + "' is missing from " + name);
      }
      if (entry.isSymbolicLink() || entry.isLink()) {
        String target =
            entry.isSymbolicLink()
                ? TarPaths.parent(current) + "/" + entry.getLinkName()
                : entry.getLinkName();
        current = resolveDots(target, what);
        continue;
      }
      if (!entry.isFile()) {
        throw new InputException(what + ": '" + member + "' in " + name + " is not a regular file");
      }
      return entry;
    }
    throw new InputException(what + ": '" + member + "' in " + name + " is a symlink loop");
  }

  @Override
  public InputStream open(Digest digest, String what) throws IOException {
    return open(member(digest, what), what);
  }

  private String member(Digest digest, String what) throws InputException {
    String member = "blobs/" + digest.algorithm() + "/" + digest.hex();
    if (!contains(member)) {
      throw new InputException(what + ": blob " + digest + " is missing from " + name);
    }
    return member;
  }

  private String resolveDots(String path, String what) throws InputException {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          throw new InputException(what + ": a link in " + name + " points outside the archive");
        }
        segments.removeLast();
      } else {
        segments.addLast(segment);
      }
    }
    return String.join("/", segments);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
