package dev.portcullis.baseimage;

/**
 * A FROM line to rewrite.
 *
 * @param check what the registry said about the FROM's image
 * @param replacement the image to write instead of {@code check.from().written()}
 * @param reason why: an update, a major update, a moved tag re-pinned, or a digest pinned
 * @param proposal the tag moved to, or null when only the digest changes
 */
public record BaseImageChange(
    BaseImageCheck check, String replacement, Reason reason, Proposal proposal) {

  /** Why a FROM line changes. */
  public enum Reason {
    UPDATE("update"),
    MAJOR_UPDATE("major update"),
    REPIN("tag moved: re-pinned"),
    PIN("digest pinned");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public String written() {
    return check.from().written();
  }
}
