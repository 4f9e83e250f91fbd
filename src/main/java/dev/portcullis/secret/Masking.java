package dev.portcullis.secret;

/**
 * How a found secret is shown: at most its public marker (the {@code ghp_} of a GitHub token, the
 * {@code AKIA} of an AWS key id), then a fixed run of asterisks, so that neither the secret nor its
 * length leaks into reports, logs or caches. Secrets without a marker (passwords, keys) show
 * nothing.
 */
final class Masking {

  static final String MASK = "********";

  private Masking() {}

  /**
   * The secret as reports show it.
   *
   * @param visiblePrefix the length of the secret's public marker, 0 for none
   */
  static String mask(String secret, int visiblePrefix) {
    int prefix = Math.min(visiblePrefix, secret.length() / 2);
    return secret.substring(0, prefix) + MASK;
  }
}
