package dev.portcullis.scan;

import java.time.Duration;

/** What a scan tells its caller while it runs, before the report exists. */
public interface ScanListener {

  /** Told nothing. */
  ScanListener NONE = new ScanListener() {};

  /** The database is older than the caller's limit; told before the target is read. */
  default void databaseIsOld(Duration age) {}

  /** Some packages could not be judged (an OS the database does not cover); also in the report. */
  default void packagesUnchecked(String warning) {}
}
