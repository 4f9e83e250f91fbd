package dev.portcullis.match;

/** Whether a fix exists for a finding, as the advisory data says. */
public enum FixStatus {
  /** A newer version fixes it. */
  FIXED,
  /** Affected, and the data names no fixed version. */
  AFFECTED,
  /** The installed version could not be compared with the advisory's versions. */
  NOT_COMPARABLE
}
