package dev.portcullis.registry;

import dev.portcullis.image.InputException;

/**
 * The registry could not be reached or failed on its side (refused connection, time-out, 5xx, rate
 * limit that outlasted the retries): trying again later may work, unlike a 404 or a digest that
 * does not match, which a retry only repeats. The server's jobs retry on this one alone.
 */
public final class RegistryUnavailableException extends InputException {

  public RegistryUnavailableException(String message) {
    super(message);
  }

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
