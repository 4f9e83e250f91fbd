package dev.portcullis.secret;

/**
 * How a found secret is shown: at most a short prefix, then a fixed run of asterisks, so that
 * neither the secret nor its length leaks into reports, logs or caches.
 */
final class Masking {

  static final String MASK = "********";
  private static final int MAX_PREFIX = 4;

  private Masking() {}

  /** The secret as reports show it. */
  static String mask(String secret) {
    int prefix = Math.min(MAX_PREFIX, secret.length() / 5);
    return secret.substring(0, prefix) + MASK;
  }
}
