package dev.portcullis.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:0123…}; a malformed one cannot be constructed. */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    boolean valid =
        switch (algorithm) {
          case "sha256" -> SHA256_HEX.matcher(hex).matches();
          case "sha512" -> SHA512_HEX.matcher(hex).matches();
          default -> false;
        };
    if (!valid) {
      throw new IllegalArgumentException("not a valid digest: " + algorithm + ":" + hex);
    }
  }

  /**
   * Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} naming the input
   * otherwise.
   */
  @JsonCreator
  public static Digest parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a valid digest: " + text);
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1).toLowerCase(Locale.ROOT));
  }

  /** The sha256 digest of some content. */
  public static Digest sha256Of(byte[] content) {
    return sha256(newSha256Hasher().digest(content));
  }

  static MessageDigest newSha256Hasher() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  public static Digest sha256(byte[] rawDigest) {
    return new Digest("sha256", HexFormat.of().formatHex(rawDigest));
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  public boolean matches(byte[] rawDigest) {
    return HexFormat.of().formatHex(rawDigest).equals(hex);
  }

  /** The first 12 hex characters, as container tools show image and layer ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @JsonValue
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
