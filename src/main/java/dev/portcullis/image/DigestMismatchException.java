package dev.portcullis.image;

/** A blob's content does not hash to the digest that named it. */
public final class DigestMismatchException extends InputException {

  public DigestMismatchException(String what, Digest expected, Digest actual) {
    super(what + ": digest mismatch, expected " + expected + " but content hashes to " + actual);
  }
}
