package dev.portcullis.rescan;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where the server's scheduled database updates come from. */
public sealed interface DatabaseSource {

  /** No scheduled updates: the database is updated by {@code db update} or {@code db import}. */
  record None() implements DatabaseSource {}

  /**
   * Base URLs of OSV's exports or mirrors of them ({@code ECOSYSTEM/all.zip}), tried in order until
   * one answers: each update builds a new database from one of them, as {@code db update} does.
   */
  record Mirrors(List<URI> bases) implements DatabaseSource {
    public Mirrors {
      bases = List.copyOf(bases);
      if (bases.isEmpty()) {
        throw new IllegalArgumentException("at least one mirror");
      }
    }
  }

  /**
   * A directory where OSV JSON files and {@code all.zip} exports are dropped: each update imports
   * the files that are new or changed since the last, as {@code db import} does.
   */
  record ImportDirectory(Path directory) implements DatabaseSource {
    public ImportDirectory {
      Objects.requireNonNull(directory, "directory");
    }
  }
}
