package dev.portcullis.rescan;

import dev.portcullis.image.InputException;
import dev.portcullis.vulndb.DatabaseUpdate;
import dev.portcullis.vulndb.DatabaseUpdater;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The server's scheduled database update from its configured source. It remembers what it last took
 * (the exports' fingerprint, the import directory's files by size and time), so an update that
 * finds nothing new leaves the database file alone and triggers no rescan. That memory lives in
 * this process: after a restart the first update takes everything again, and reports a change only
 * if a record is new.
 */
public final class DatabaseRefresh {

  private final DatabaseUpdater updater;
  private final DatabaseSource source;
  private final Consumer<String> warnings;
  private String lastFingerprint;
  private final Map<Path, FileStamp> imported = new HashMap<>();

  /**
   * @param warnings told of what an update passed over (an ecosystem a mirror lacks)
   */
  public DatabaseRefresh(
      DatabaseUpdater updater, DatabaseSource source, Consumer<String> warnings) {
    this.updater = updater;
    this.source = source;
    this.warnings = warnings;
  }

  /** Where updates come from, as the health document names it. */
  public String sourceName() {
    if (source instanceof DatabaseSource.Mirrors mirrors) {
      return mirrors.bases().get(0).toString();
    }
    if (source instanceof DatabaseSource.ImportDirectory directory) {
      return directory.directory().toString();
    }
    return "none";
  }

  /**
   * Updates the database from the source once.
   *
   * @return what changed; empty when there was nothing new to take
   * @throws IOException when no mirror answered, or a file could not be imported; the database is
   *     unchanged
   */
  public synchronized Optional<DatabaseUpdate> refresh() throws IOException {
    if (source instanceof DatabaseSource.Mirrors mirrors) {
      return fromMirrors(mirrors.bases());
    }
    if (source instanceof DatabaseSource.ImportDirectory directory) {
      return fromDirectory(directory.directory());
    }
    return Optional.empty();
  }

  private Optional<DatabaseUpdate> fromMirrors(List<URI> bases) throws IOException {
    List<String> failures = new ArrayList<>();
    for (URI base : bases) {
      try {
        DatabaseUpdate update =
            updater.update(base, DatabaseUpdater.DEFAULT_ECOSYSTEMS, lastFingerprint, warnings);
        lastFingerprint = update.fingerprint();
        return update.changed() ? Optional.of(update) : Optional.empty();
      } catch (InputException e) {
        failures.add(e.getMessage());
      }
    }
    throw new InputException("no mirror could be used: " + String.join("; ", failures));
  }

  private Optional<DatabaseUpdate> fromDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new InputException("the import directory " + directory + " does not exist");
    }
    Map<Path, FileStamp> found = new HashMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path file : walk.filter(DatabaseRefresh::importable).sorted().toList()) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        found.put(file, new FileStamp(attributes.size(), attributes.lastModifiedTime().toMillis()));
      }
    }
    List<Path> fresh =
        found.entrySet().stream()
            .filter(entry -> !entry.getValue().equals(imported.get(entry.getKey())))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    DatabaseUpdate update = updater.importFiles(fresh, List.of(), warnings);
    fresh.forEach(file -> imported.put(file, found.get(file)));
    return update.changed() ? Optional.of(update) : Optional.empty();
  }

  private static boolean importable(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file)
        && !name.startsWith(".")
        && (name.endsWith(".json") || name.endsWith(".zip"));
  }

  /** A file as it was when it was imported. */
  private record FileStamp(long size, long modifiedMillis) {}
}
