package dev.portcullis.signing;

/** What checking one signature found; only {@link Status#VALID} is a pass. */
public record SignatureVerdict(Status status, String reason) {

  /** The three ways a signature check ends. */
  public enum Status {
    /** The signature is over these payload bytes, by this key. */
    VALID,
    /** A well-formed ECDSA signature that does not match the payload and key. */
    INVALID,
    /** Not a base64 DER ECDSA signature at all. */
    MALFORMED_SIGNATURE
  }

  public SignatureVerdict {
    if (status == null || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a verdict needs a status and a reason");
    }
  }

  public boolean isValid() {
    return status == Status.VALID;
  }

  static SignatureVerdict valid() {
    return new SignatureVerdict(Status.VALID, "the signature matches the payload and key");
  }

  static SignatureVerdict invalid(String reason) {
    return new SignatureVerdict(Status.INVALID, reason);
  }

  static SignatureVerdict malformed(String reason) {
    return new SignatureVerdict(Status.MALFORMED_SIGNATURE, reason);
  }
}
