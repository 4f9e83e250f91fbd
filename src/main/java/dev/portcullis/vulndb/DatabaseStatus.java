package dev.portcullis.vulndb;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a vulnerability database holds and how old it is.
 *
 * @param updatedAt when the last import or update finished
 * @param vulnerabilities records stored
 * @param perEcosystem vulnerabilities per ecosystem they affect
 * @param sources what was imported, and when
 */
public record DatabaseStatus(
    Path file,
    int schemaVersion,
    Instant updatedAt,
    long vulnerabilities,
    long sizeBytes,
    Map<String, Long> perEcosystem,
    List<Source> sources) {

  public DatabaseStatus {
    perEcosystem = Map.copyOf(perEcosystem);
    sources = List.copyOf(sources);
  }

  /** One import source: a file, directory, zip or download URL. */
  public record Source(String name, Instant importedAt, long records) {}
}
