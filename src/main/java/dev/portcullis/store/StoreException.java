package dev.portcullis.store;

/** The store cannot do what was asked: unreachable, not migratable, or a statement failed. */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
