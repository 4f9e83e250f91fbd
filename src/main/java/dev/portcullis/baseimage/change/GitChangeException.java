package dev.portcullis.baseimage.change;

import dev.portcullis.image.InputException;

/**
 * A commit of changed files onto a new branch could not be made; the message is one line that says
 * why and what the user can do.
 */
public final class GitChangeException extends InputException {

  GitChangeException(String message) {
    super(message);
  }

  GitChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
