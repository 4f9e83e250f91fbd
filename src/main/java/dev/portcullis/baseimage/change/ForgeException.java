package dev.portcullis.baseimage.change;

import dev.portcullis.image.InputException;

/**
 * A forge's API could not be reached or refused a request; the message is one line, names what was
 * attempted and never holds the token.
 */
public final class ForgeException extends InputException {

  ForgeException(String message) {
    super(message);
  }

  ForgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
