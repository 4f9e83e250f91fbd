package dev.portcullis.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The shared secret a registry presents in a header of its webhook calls, compared in constant
 * time. Distribution sends it in a header its {@code endpoints[].headers} configures; Harbor sends
 * its webhook's "Auth Header" verbatim as {@code Authorization}.
 */
public final class WebhookSecret {

  /** The header suggested for distribution's {@code endpoints[].headers}. */
  public static final String DISTRIBUTION_HEADER = "X-Portcullis-Webhook-Secret";

  /** The header Harbor sends its webhook's "Auth Header" in. */
  public static final String HARBOR_HEADER = "Authorization";

  /** Shorter secrets can be guessed by trying; {@code openssl rand -hex 32} makes a good one. */
  static final int MIN_LENGTH = 16;

  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  private final String header;
  private final byte[] expectedHash;

  /**
   * @param header the header the secret arrives in
   * @param secret the whole header value expected, such as {@code Bearer 3f9a…}
   */
  public WebhookSecret(String header, String secret) {
    if (header == null || !HEADER_NAME.matcher(header).matches()) {
      throw new IllegalArgumentException("'" + header + "' is not an HTTP header name");
    }
    if (secret == null || secret.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "a webhook secret needs at least "
              + MIN_LENGTH
              + " characters; generate one with: openssl rand -hex 32");
    }
    this.header = header;
    this.expectedHash = sha256(secret);
  }

  /** The header to read the presented secret from. */
  public String header() {
    return header;
  }

  /**
   * Whether a presented header value is the secret. Both are hashed first, so the comparison takes
   * the same time whatever the presented value's length and content.
   *
   * @param presented the header's value, or null when the request has none
   */
  public boolean accepts(String presented) {
    return presented != null && MessageDigest.isEqual(expectedHash, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return header + ": ****";
  }
}
