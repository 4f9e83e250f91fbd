package dev.portcullis.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a request: HMAC-SHA256 with the shared secret over {@code <timestamp>.<body>},
 * sent as {@code sha256=<hex>} like GitHub's. The timestamp is signed too (as Slack and Stripe do),
 * else a captured request could be replayed with a fresh timestamp.
 */
final class RequestSignature {

  static final String SIGNATURE_HEADER = "X-Portcullis-Signature";
  static final String TIMESTAMP_HEADER = "X-Portcullis-Timestamp";

  private RequestSignature() {}

  static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
