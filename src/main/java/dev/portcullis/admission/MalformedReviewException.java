package dev.portcullis.admission;

/** An AdmissionReview that cannot be judged: not one, or missing what a review carries. */
public final class MalformedReviewException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String uid;

  /**
   * @param uid the request's uid where it could be read, else empty
   */
  public MalformedReviewException(String uid, String message) {
    super(message);
    this.uid = uid;
  }

  public String uid() {
    return uid;
  }
}
