package dev.portcullis.vulndb;

import com.fasterxml.jackson.core.JacksonException;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads OSV records from JSON files, directories of them, and the {@code all.zip} files OSV
 * publishes per ecosystem, into a {@link DatabaseWriter}. A malformed record is counted and passed
 * over, never a reason to abort the import.
 */
public final class OsvImporter {

  /** OSV records are small; anything larger is not one (and may be a zip bomb). */
  static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

  private static final int SKIPPED_SHOWN = 5;

  private final DatabaseWriter writer;
  private long imported;
  private long unchanged;
  private long skipped;
  private final List<String> firstSkipped = new ArrayList<>();
  private final Map<String, Long> perEcosystem = new TreeMap<>();
  private final Map<String, Long> entriesPerEcosystem = new TreeMap<>();

  public OsvImporter(DatabaseWriter writer) {
    this.writer = writer;
  }

  /** Imports every path; the report covers all of them. */
  public ImportReport importAll(List<Path> paths) throws IOException {
    for (Path path : paths) {
      importSource(path, path.toAbsolutePath().toString());
    }
    return report();
  }

  /** Imports one file, directory or zip, recorded in the database under {@code sourceName}. */
  public void importSource(Path path, String sourceName) throws IOException {
    long before = imported + unchanged;
    if (Files.isDirectory(path)) {
      importDirectory(path);
    } else if (path.getFileName().toString().endsWith(".zip")) {
      importZip(path);
    } else {
      importFile(path);
    }
    writer.recordSource(sourceName, imported + unchanged - before);
  }

  /** What the imports so far did. */
  public ImportReport report() {
    return new ImportReport(
        imported, unchanged, skipped, firstSkipped, perEcosystem, entriesPerEcosystem);
  }

  private void importDirectory(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files =
          walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      importFile(file);
    }
  }

  private void importFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      importRecord(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    }
  }

  private void importZip(Path zip) throws IOException {
    try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        if (!entry.isDirectory() && entry.getName().endsWith(".json")) {
          importRecord(entries, zip.getFileName() + "!" + entry.getName());
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(zip + ": no such file");
    } catch (ZipException e) {
      throw new InputException(zip + ": not a readable zip file (" + e.getMessage() + ")", e);
    }
  }

  private void importRecord(InputStream in, String where) throws IOException {
    byte[] bytes = in.readNBytes((int) MAX_RECORD_BYTES + 1);
    if (bytes.length > MAX_RECORD_BYTES) {
      skip(where, "larger than " + MAX_RECORD_BYTES + " bytes");
      return;
    }
    OsvRecord record;
    try {
      record = read(bytes);
    } catch (InputException e) {
      skip(where, e.getMessage());
      return;
    }
    if (record == null || record.id() == null || record.id().isBlank()) {
      skip(where, "no id");
      return;
    }
    if (writer.store(record)) {
      imported++;
      List<String> ecosystems =
          record.affected().stream()
              .filter(a -> a.packageInfo() != null && a.packageInfo().ecosystem() != null)
              .map(a -> EcosystemName.parse(a.packageInfo().ecosystem()).ecosystem())
              .toList();
      ecosystems.forEach(e -> entriesPerEcosystem.merge(e, 1L, Long::sum));
      ecosystems.stream().distinct().forEach(e -> perEcosystem.merge(e, 1L, Long::sum));
    } else {
      unchanged++;
    }
  }

  /**
   * One record from its bytes.
   *
   * @throws InputException when they are not an OSV record: not JSON, wrong fields, or an encoding
   *     the JSON reader cannot decode (which it reports as a plain {@link IOException})
   */
  static OsvRecord read(byte[] bytes) throws InputException {
    try {
      return Json.mapper().readValue(bytes, OsvRecord.class);
    } catch (JacksonException e) {
      throw new InputException("not a valid OSV record: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException("not a valid OSV record: " + e.getMessage(), e);
    }
  }

  private void skip(String where, String why) {
    skipped++;
    if (firstSkipped.size() < SKIPPED_SHOWN) {
      firstSkipped.add(where + ": " + why);
    }
  }
}
