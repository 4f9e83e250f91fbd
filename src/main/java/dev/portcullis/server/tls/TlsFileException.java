package dev.portcullis.server.tls;

import dev.portcullis.image.InputException;

/**
 * A TLS certificate, key or CA file is unusable; the message names the file and says what to do
 * (the CLI prints it as one line and exits with 2).
 */
public final class TlsFileException extends InputException {

  TlsFileException(String message) {
    super(message);
  }

  TlsFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
