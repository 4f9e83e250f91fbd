package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.image.InputException;

/**
 * An inline ignore names an id that is no rule: it would suppress nothing, so the file is refused
 * even where a directory search skips unreadable files, lest a typo pass the gate unnoticed.
 */
public final class UnknownIgnoreException extends InputException {

  UnknownIgnoreException(String message) {
    super(message);
  }
}
