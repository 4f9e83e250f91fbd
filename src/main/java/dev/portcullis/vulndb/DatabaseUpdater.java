package dev.portcullis.vulndb;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Updates and imports into one vulnerability database file, for {@code db update}, {@code db
 * import} and the server's scheduled updates alike. Every change builds a new file beside the
 * current one and swaps it in with one rename, so readers of the old file (scans in flight) keep
 * reading it to their end.
 */
public final class DatabaseUpdater {

  /** The ecosystems images need, as OSV names them: what an update downloads by default. */
  public static final List<String> DEFAULT_ECOSYSTEMS =
      List.of(
          "Debian",
          "Ubuntu",
          "Alpine",
          "Red Hat",
          "AlmaLinux",
          "Rocky Linux",
          "Maven",
          "npm",
          "PyPI",
          "Go",
          "crates.io",
          "RubyGems",
          "NuGet",
          "Packagist");

  private static final ImportReport NOTHING =
      new ImportReport(0, 0, 0, List.of(), Map.of(), Map.of());

  private final Path target;
  private final Clock clock;

  /**
   * @param target the database file
   */
  public DatabaseUpdater(Path target, Clock clock) {
    this.target = target.toAbsolutePath();
    this.clock = clock;
  }

  public Path target() {
    return target;
  }

  /**
   * Downloads each ecosystem's {@code all.zip} from {@code base} (OSV's bucket or a mirror of it)
   * and builds a new database of them alone.
   *
   * @param previousFingerprint the {@link DatabaseUpdate#fingerprint} of the last update; when the
   *     exports are the same again, the database is left as it is. Null to rebuild anyway.
   * @param warnings told of every ecosystem the mirror has no export for
   * @throws InputException when no export could be downloaded, or a download broke off; the
   *     database is unchanged
   */
  public DatabaseUpdate update(
      URI base, List<String> ecosystems, String previousFingerprint, Consumer<String> warnings)
      throws IOException {
    OsvDownloader downloader = new OsvDownloader(base);
    Files.createDirectories(target.getParent());
    Path downloads = Files.createTempDirectory(target.getParent(), ".download-");
    try {
      List<Path> zips = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      for (String ecosystem : ecosystems) {
        Path zip = downloads.resolve(zips.size() + ".zip");
        if (downloader.download(ecosystem, zip)) {
          zips.add(zip);
          sources.add(downloader.urlFor(ecosystem).toString());
        } else {
          warnings.accept("no export for " + ecosystem + " at " + downloader.urlFor(ecosystem));
        }
      }
      if (zips.isEmpty()) {
        throw new InputException(
            "no ecosystem export could be downloaded from " + base + "; the database is unchanged");
      }
      String fingerprint = fingerprint(sources, zips);
      if (fingerprint.equals(previousFingerprint) && Files.exists(target)) {
        return new DatabaseUpdate(NOTHING, sources, 0, fingerprint, false);
      }
      try (DatabaseWriter writer = DatabaseWriter.beginFresh(target, clock)) {
        OsvImporter importer = new OsvImporter(writer);
        for (int i = 0; i < zips.size(); i++) {
          importer.importSource(zips.get(i), sources.get(i));
        }
        writer.commit();
        return new DatabaseUpdate(importer.report(), sources, 0, fingerprint, true);
      }
    } finally {
      deleteTree(downloads);
    }
  }

  /**
   * Imports OSV JSON files, directories of them and {@code all.zip} exports into a copy of the
   * current database, then NVD feeds' severities, and swaps the copy in.
   *
   * @param warnings told of a current database that had to be rebuilt from nothing
   */
  public DatabaseUpdate importFiles(
      List<Path> paths, List<Path> nvdFeeds, Consumer<String> warnings) throws IOException {
    try (DatabaseWriter writer = DatabaseWriter.begin(target, clock)) {
      writer.warnings().forEach(warnings);
      ImportReport report = new OsvImporter(writer).importAll(paths);
      long rated = 0;
      List<String> sources = new ArrayList<>();
      paths.forEach(p -> sources.add(p.toAbsolutePath().toString()));
      for (Path feed : nvdFeeds) {
        long fromFeed = new NvdImporter(writer).importFeed(feed);
        writer.recordSource(feed.toAbsolutePath().toString(), fromFeed);
        sources.add(feed.toAbsolutePath().toString());
        rated += fromFeed;
      }
      writer.commit();
      return new DatabaseUpdate(report, sources, rated, "", report.imported() > 0 || rated > 0);
    }
  }

  /** Names and contents of the downloads, so that one export moved to another URL is a change. */
  private static String fingerprint(List<String> sources, List<Path> files) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    for (int i = 0; i < files.size(); i++) {
      sha256.update(sources.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      try (InputStream in = Files.newInputStream(files.get(i))) {
        int read;
        while ((read = in.read(buffer)) > 0) {
          sha256.update(buffer, 0, read);
        }
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
