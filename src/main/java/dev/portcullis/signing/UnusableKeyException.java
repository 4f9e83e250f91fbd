package dev.portcullis.signing;

import dev.portcullis.image.InputException;

/**
 * A key file cannot be used: unreadable, malformed, locked by another password, or not an ECDSA
 * P-256 key. The message names the file and says what to do.
 */
public final class UnusableKeyException extends InputException {

  UnusableKeyException(String message) {
    super(message);
  }

  UnusableKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
