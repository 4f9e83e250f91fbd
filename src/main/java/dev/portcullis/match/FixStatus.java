package dev.portcullis.match;

/** Whether a fix exists for a finding, as the advisory data says. */
public enum FixStatus {
  /** A newer version fixes it. */
  FIXED,
  /** Affected, and the data names no fixed version. */
  AFFECTED,
  /**
   * Affected, no fixed version, and the distribution says no fix is planned for this release
   * (Debian's "unimportant" and "end-of-life", Ubuntu's "negligible"): waiting will not help, so a
   * reader can tell these apart from fixes still to come.
   */
  WILL_NOT_FIX,
  /** The installed version could not be compared with the advisory's versions. */
  NOT_COMPARABLE
}
