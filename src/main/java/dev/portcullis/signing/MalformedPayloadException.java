package dev.portcullis.signing;

import dev.portcullis.image.InputException;

/** A signed payload is not a cosign simple-signing document; the message says which rule broke. */
public final class MalformedPayloadException extends InputException {

  MalformedPayloadException(String message) {
    super(message);
  }

  MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
