package dev.portcullis.baseimage;

/**
 * The tags a FROM line's tag can move to without changing variant: the newest of its own major
 * ({@code update}), the newest of a higher major ({@code majorUpdate}), each null when there is
 * none, and when there is neither, a {@code note} saying why.
 */
public record UpdateCandidates(String current, String update, String majorUpdate, String note) {

  public UpdateCandidates {
    boolean proposes = update != null || majorUpdate != null;
    if (proposes == (note != null)) {
      throw new IllegalArgumentException(
          "an update candidate for '" + current + "' has a note exactly when it proposes nothing");
    }
  }

  static UpdateCandidates none(String current, String note) {
    return new UpdateCandidates(current, null, null, note);
  }

  /** Whether any newer tag is proposed. */
  public boolean proposes() {
    return update != null || majorUpdate != null;
  }
}
