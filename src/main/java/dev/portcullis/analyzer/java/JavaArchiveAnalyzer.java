package dev.portcullis.analyzer.java;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.StoredContent;
import dev.portcullis.inventory.Package;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Java archives (jar, war, ear and plugin archives) found anywhere, and the archives nested in
 * them, never extracted: read by their central directory where they lie uncompressed in a layer
 * read in place (so that their classes are never inflated), streamed otherwise. Each {@code
 * META-INF/maven/**}{@code /pom.properties} is a package, so a fat or shaded jar yields every
 * library it bundles; an archive without one falls back to its manifest, then to its file name, and
 * says which evidence it used. The SHA-1 of each archive is recorded on the package that is the
 * archive itself, so a repository lookup can confirm coordinates that only a manifest or a file
 * name gave.
 */
public final class JavaArchiveAnalyzer implements Analyzer {

  private static final Set<String> SUFFIXES =
      Set.of(".jar", ".war", ".ear", ".par", ".hpi", ".jpi");

  private static final int BUFFER = 64 * 1024;

  private final ArchiveLimits limits;

  public JavaArchiveAnalyzer(ArchiveLimits limits) {
    this.limits = limits;
  }

  @Override
  public String type() {
    return "java-archive";
  }

  /**
   * 4: archives read in place inflate only what names packages, so their classes no longer count
   * against the inflation limit (the same packages; a limit warning fewer where classes crossed
   * it). 5: so do streamed archives' entries whose local headers give their sizes.
   */
  @Override
  public int version() {
    return 5;
  }

  @Override
  public boolean required(String path, long size) {
    return isArchive(path);
  }

  private static boolean isPomProperties(String name) {
    return name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties");
  }

  private static byte[] sha1Of(StoredSlice slice) throws IOException {
    MessageDigest sha1 = sha1();
    byte[] buffer = new byte[BUFFER];
    long at = 0;
    while (at < slice.size()) {
      int n = slice.readAt(at, buffer, 0, buffer.length);
      if (n <= 0) {
        throw new IOException("truncated at byte " + at + " of " + slice.size());
      }
      sha1.update(buffer, 0, n);
      at += n;
    }
    return sha1.digest();
  }

  static boolean isArchive(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    return dot > 0 && SUFFIXES.contains(lower.substring(dot));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    List<Package> packages = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Walk walk = new Walk(packages, warnings);
    if (input.content() instanceof StoredContent stored) {
      walk.inPlace(new StoredSlice(stored), input.path(), 0);
    } else {
      walk.archive(input.content(), input.path(), 0);
    }
    return new AnalysisResult(type(), input.path(), null, packages, Map.of(), warnings);
  }

  /** One pass over an archive and everything nested in it, within the limits. */
  private final class Walk {
    private final List<Package> packages;
    private final List<String> warnings;
    private long inflated;
    private boolean exhausted;
    private int poms;

    Walk(List<Package> packages, List<String> warnings) {
      this.packages = packages;
      this.warnings = warnings;
    }

    void archive(InputStream in, String location, int depth) {
      if (exhausted) {
        return;
      }
      if (depth > limits.maxDepth()) {
        warnings.add(
            "/"
                + location
                + ": archives nested deeper than "
                + limits.maxDepth()
                + " were not read");
        return;
      }
      List<Package> own = new ArrayList<>();
      Manifest manifest = null;
      int entries = 0;
      // Buffered: past the last entry the zip reader reads the central directory a byte at a time.
      DigestInputStream hashed = new DigestInputStream(new BufferedInputStream(in, BUFFER), sha1());
      try (ZipArchiveInputStream zip =
          new ZipArchiveInputStream(CloseShieldInputStream.wrap(hashed), "UTF-8", true, true)) {
        ZipArchiveEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
          if (++entries > limits.maxEntries()) {
            warnings.add(
                "/"
                    + location
                    + ": more than "
                    + limits.maxEntries()
                    + " entries; the rest was not read");
            break;
          }
          String name = entry.getName();
          if (entry.isDirectory()) {
            continue;
          }

          InputStream content = bounded(zip, location);
          if (isPomProperties(name)) {
            pomProperties(content, location, own);
          } else if (name.equals("META-INF/MANIFEST.MF")) {
            manifest = Manifest.read(content);
          } else if (isArchive(name)) {
            archive(content, location + "!/" + name, depth + 1);
          }
          if (skippingInflates(entry)) {
            // Drained through the counter, so that a bomb is caught.
            content.transferTo(OutputStream.nullOutputStream());
          }
        }
        // The zip reader stops at the central directory; the hash covers the whole file.
        hashed.transferTo(OutputStream.nullOutputStream());
      } catch (InflationLimitException e) {
        limitReached(e);
      } catch (IOException | RuntimeException e) {
        unreadable(location, e);
        return;
      }
      if (exhausted) {
        packages.addAll(own);
        return;
      }
      found(own, manifest, hashed.getMessageDigest().digest(), location);
    }

    /**
     * An archive stored uncompressed in a layer read in place, or stored (not deflated) inside such
     * an archive, as Spring Boot stores its nested jars: read by its central directory, so that
     * only the entries that name packages are inflated (pom.properties, the manifest, nested
     * archives) and the classes are not. The SHA-1 still covers every byte. An archive whose
     * directory is not plainly bounded (see {@link CentralDirectory}) or cannot be read is
     * streamed, as any other.
     */
    void inPlace(StoredSlice slice, String location, int depth) {
      if (exhausted) {
        return;
      }
      ZipFile zip = directory(slice, depth);
      if (zip == null) {
        archive(slice.stream(), location, depth);
        return;
      }
      List<Package> own = new ArrayList<>();
      Manifest manifest = null;
      try (zip) {
        for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
          String name = entry.getName();
          if (entry.isDirectory()) {
            continue;
          }
          if (isPomProperties(name)) {
            try (InputStream content = bounded(zip.getInputStream(entry), location)) {
              pomProperties(content, location, own);
            }
          } else if (name.equals("META-INF/MANIFEST.MF")) {
            try (InputStream content = bounded(zip.getInputStream(entry), location)) {
              manifest = Manifest.read(content);
            }
          } else if (isArchive(name)) {
            String inner = location + "!/" + name;
            if (entry.getMethod() == ZipEntry.STORED && zip.canReadEntryData(entry)) {
              // Resolves where the entry's data starts, past its local header.
              zip.getRawInputStream(entry).close();
              // Read in place, not inflated, but charged as if it were: entries that overlap
              // (one archive named by many entries) must not multiply the work unbounded.
              // What is charged is what lies within this archive, whatever sizes the directory
              // claims.
              StoredSlice nested = slice.slice(entry.getDataOffset(), entry.getCompressedSize());
              account(nested.size(), location);
              inPlace(nested, inner, depth + 1);
            } else {
              try (InputStream content = bounded(zip.getInputStream(entry), location)) {
                archive(content, inner, depth + 1);
              }
            }
          }
        }
      } catch (InflationLimitException e) {
        limitReached(e);
      } catch (IOException | RuntimeException e) {
        unreadable(location, e);
        return;
      }
      if (exhausted) {
        packages.addAll(own);
        return;
      }
      byte[] sha1;
      try {
        sha1 = sha1Of(slice);
      } catch (IOException e) {
        unreadable(location, e);
        return;
      }
      found(own, manifest, sha1, location);
    }

    /**
     * Whether the zip reader has to inflate an entry to get past it: a compressed entry whose size
     * its local header does not give (a data descriptor follows it, as {@code jar} writes). Any
     * other entry is passed over by its compressed size, raw, and its content (class files, mostly)
     * is never inflated; the SHA-1 still reads it.
     */
    private static boolean skippingInflates(ZipArchiveEntry entry) {
      return entry.getMethod() != ZipEntry.STORED
          && (entry.getGeneralPurposeBit().usesDataDescriptor()
              || entry.getCompressedSize() == ArchiveEntry.SIZE_UNKNOWN);
    }

    /** The inflation limit was reached: said once, and nothing more is read. */
    private void limitReached(InflationLimitException e) {
      if (!exhausted) {
        warnings.add(e.getMessage());
      }
      exhausted = true;
    }

    private void unreadable(String location, Exception e) {
      warnings.add(
          "/" + location + ": not a readable archive (" + e.getMessage() + "); it was skipped");
    }

    /** The archive opened by its central directory; null where it is to be streamed instead. */
    private ZipFile directory(StoredSlice slice, int depth) {
      try {
        return depth <= limits.maxDepth() && CentralDirectory.readable(slice, limits.maxEntries())
            ? ZipFile.builder()
                .setSeekableByteChannel(slice)
                .setCharset(StandardCharsets.UTF_8)
                .setUseUnicodeExtraFields(true)
                .setIgnoreLocalFileHeader(true)
                .get()
            : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private void pomProperties(InputStream content, String location, List<Package> own)
        throws IOException {
      if (++poms <= limits.maxPackages()) {
        PomProperties.read(content).ifPresent(pom -> own.add(pom.toPackage(location)));
      } else if (poms == limits.maxPackages() + 1) {
        warnings.add(
            "/"
                + location
                + ": more than "
                + limits.maxPackages()
                + " pom.properties in one archive and what it nests, the limit for one"
                + " archive; the rest were not read");
      }
    }

    /** The archive's packages: those its pom.properties name, or else the archive itself. */
    private void found(List<Package> own, Manifest manifest, byte[] digest, String location) {
      String sha1 = HexFormat.of().formatHex(digest);
      if (own.isEmpty()) {
        Package fallback = manifest != null ? manifest.toPackage(location) : null;
        packages.add((fallback != null ? fallback : FileNames.toPackage(location)).withSha1(sha1));
      } else {
        String file = FileNames.fileName(location);
        for (Package pkg : own) {
          packages.add(own.size() == 1 || isNamedAfter(file, pkg) ? pkg.withSha1(sha1) : pkg);
        }
      }
    }

    private void account(long bytes, String location) throws InflationLimitException {
      inflated += bytes;
      if (inflated > limits.maxInflatedBytes()) {
        throw new InflationLimitException(
            "/"
                + location
                + ": inflates beyond "
                + limits.maxInflatedBytes()
                + " bytes (zip bomb?); the rest was not read");
      }
    }

    /** Counts what every entry inflates to against the limit for the whole outer archive. */
    private InputStream bounded(InputStream entry, String location) {
      return new FilterInputStream(CloseShieldInputStream.wrap(entry)) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(long n) throws InflationLimitException {
          account(n, location);
        }
      };
    }
  }

  /**
   * Whether the archive's file name is the package's own ({@code guava-33.0.jar} for guava 33.0):
   * in a fat jar, that one of several pom.properties describes the archive itself.
   */
  private static boolean isNamedAfter(String file, Package pkg) {
    String artifactId = pkg.name().substring(pkg.name().indexOf(':') + 1);
    return file.startsWith(artifactId + "-" + pkg.version() + ".");
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  /** The inflation limit was crossed: stop reading this archive, keep what was found. */
  private static final class InflationLimitException extends IOException {
    InflationLimitException(String message) {
      super(message);
    }
  }
}
