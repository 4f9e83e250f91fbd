package dev.portcullis.version;

/** A version string the scheme cannot read, so it cannot be placed inside or outside a range. */
public final class UncomparableVersionException extends RuntimeException {

  private final String version;

  UncomparableVersionException(String scheme, String version, String reason) {
    super("version not comparable: " + scheme + " version '" + version + "' " + reason);
    this.version = version;
  }

  /** The offending version, exactly as it was given. */
  public String version() {
    return version;
  }
}
