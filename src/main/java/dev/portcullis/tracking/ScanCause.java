package dev.portcullis.tracking;

import java.util.Locale;

/** Why an image was scanned. */
public enum ScanCause {
  /** A registry said the digest was pushed. */
  PUSH,
  /** A CI job submitted its report or SBOM. */
  CI,
  /** The stored inventory was matched again: a database update, or the rescan interval. */
  RESCAN,
  /** A polled tag of a watched repository moved. */
  WATCH,
  /** The image runs in a cluster. */
  CLUSTER,
  /** A cluster asked whether the image may run, and the server had never scanned it. */
  ADMISSION;

  /** As the store and the API spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a scan for this cause makes its digest the repository's current one. */
  boolean makesCurrent() {
    return this == PUSH || this == CI || this == WATCH;
  }
}
