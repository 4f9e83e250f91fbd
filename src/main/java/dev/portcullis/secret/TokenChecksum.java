package dev.portcullis.secret;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum at the end of GitHub's and npm's tokens (github.blog, "Behind GitHub's new
 * authentication token formats", 2021): 30 random base-62 characters, then the CRC32 of those 30
 * characters in base 62 ({@code 0-9A-Za-z}), six digits padded with zeros.
 */
final class TokenChecksum {

  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int LENGTH = 6;

  private TokenChecksum() {}

  /** Whether the last six characters of a token's body are the checksum of the rest. */
  static boolean verifies(String body) {
    if (body.length() <= LENGTH) {
      return false;
    }
    String random = body.substring(0, body.length() - LENGTH);
    return of(random).equals(body.substring(body.length() - LENGTH));
  }

  /** The six checksum digits of a token's random part. */
  static String of(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[LENGTH];
    for (int i = LENGTH - 1; i >= 0; i--) {
      digits[i] = DIGITS.charAt((int) (value % DIGITS.length()));
      value /= DIGITS.length();
    }
    return new String(digits);
  }
}
