package dev.portcullis.signing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The body of cosign's {@code ENCRYPTED SIGSTORE PRIVATE KEY} (formerly {@code ENCRYPTED COSIGN
 * PRIVATE KEY}): go-securesystemslib's "encrypted" JSON, a key from scrypt(password, salt, N, r, p)
 * opening a NaCl secretbox around the PKCS#8 DER of the key.
 */
final class SigstoreEncryptedKey {

  /**
   * The scrypt settings go-securesystemslib writes and accepts (legacy, standard, OWASP); any other
   * is refused as it refuses it, which also bounds the memory a hostile file can make us spend.
   */
  private static final List<ScryptCost> ACCEPTED_COSTS =
      List.of(
          new ScryptCost(32768, 8, 1), new ScryptCost(65536, 8, 1), new ScryptCost(131072, 8, 1));

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SigstoreEncryptedKey() {}

  /** Decrypts the JSON document to the PKCS#8 DER it protects. */
  static byte[] decrypt(byte[] json, char[] password, String source) throws UnusableKeyException {
    JsonNode document = parse(json, source);
    requireFields(document, Set.of("kdf", "cipher", "ciphertext"), "the document", source);
    JsonNode kdf = object(document, "kdf", source);
    requireFields(kdf, Set.of("name", "params", "salt"), "kdf", source);
    if (!"scrypt".equals(text(kdf, "name", source))) {
      throw unsupported(source, "key derivation " + kdf.get("name") + " (only scrypt)");
    }
    JsonNode params = object(kdf, "params", source);
    requireFields(params, Set.of("N", "r", "p"), "kdf.params", source);
    ScryptCost cost =
        new ScryptCost(
            integer(params, "N", source),
            integer(params, "r", source),
            integer(params, "p", source));
    if (!ACCEPTED_COSTS.contains(cost)) {
      throw unsupported(
          source, "scrypt parameters " + cost + " (cosign writes N=32768|65536|131072, r=8, p=1)");
    }
    byte[] salt = base64(kdf, "salt", source);
    JsonNode cipher = object(document, "cipher", source);
    requireFields(cipher, Set.of("name", "nonce"), "cipher", source);
    if (!"nacl/secretbox".equals(text(cipher, "name", source))) {
      throw unsupported(source, "cipher " + cipher.get("name") + " (only nacl/secretbox)");
    }
    byte[] nonce = base64(cipher, "nonce", source);
    if (nonce.length != NaclSecretBox.NONCE_BYTES) {
      throw malformed(source, "the secretbox nonce has " + nonce.length + " bytes, not 24");
    }
    byte[] ciphertext = base64(document, "ciphertext", source);

    byte[] passwordBytes = utf8(password);
    byte[] boxKey =
        SCrypt.generate(passwordBytes, salt, cost.n(), cost.r(), cost.p(), NaclSecretBox.KEY_BYTES);
    Arrays.fill(passwordBytes, (byte) 0);
    try {
      return NaclSecretBox.open(ciphertext, nonce, boxKey)
          .orElseThrow(
              () ->
                  new UnusableKeyException(
                      source
                          + ": wrong password, or the key file was altered (the secretbox does not"
                          + " authenticate); "
                          + KeyAdvice.CHECK_PASSWORD));
    } finally {
      Arrays.fill(boxKey, (byte) 0);
    }
  }

  /** The password as Go's []byte(string) sees it: UTF-8. */
  static byte[] utf8(char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }

  private static JsonNode parse(byte[] json, String source) throws UnusableKeyException {
    try {
      JsonNode document = STRICT_JSON.readTree(json);
      if (document == null || !document.isObject()) {
        throw malformed(source, "the PEM body is not a JSON object");
      }
      return document;
    } catch (JacksonException e) {
      throw malformed(source, "the PEM body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw malformed(source, "the PEM body is unreadable (" + e.getMessage() + ")");
    }
  }

  private static void requireFields(JsonNode node, Set<String> expected, String what, String source)
      throws UnusableKeyException {
    for (String field : expected) {
      if (!node.has(field)) {
        throw malformed(source, what + " lacks \"" + field + "\"");
      }
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!expected.contains(name)) {
        throw malformed(source, what + " has an unknown field \"" + name + "\"");
      }
    }
  }

  private static JsonNode object(JsonNode parent, String field, String source)
      throws UnusableKeyException {
    JsonNode node = parent.get(field);
    if (!node.isObject()) {
      throw malformed(source, "\"" + field + "\" is not a JSON object");
    }
    return node;
  }

  private static String text(JsonNode parent, String field, String source)
      throws UnusableKeyException {
    JsonNode node = parent.get(field);
    if (!node.isTextual()) {
      throw malformed(source, "\"" + field + "\" is not a string");
    }
    return node.textValue();
  }

  private static int integer(JsonNode parent, String field, String source)
      throws UnusableKeyException {
    JsonNode node = parent.get(field);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw malformed(source, "scrypt parameter \"" + field + "\" is not an integer");
    }
    return node.intValue();
  }

  private static byte[] base64(JsonNode parent, String field, String source)
      throws UnusableKeyException {
    try {
      return Base64.getDecoder().decode(text(parent, field, source));
    } catch (IllegalArgumentException e) {
      throw malformed(source, "\"" + field + "\" is not base64 (" + e.getMessage() + ")");
    }
  }

  private static UnusableKeyException malformed(String source, String detail) {
    return new UnusableKeyException(
        source + ": not a readable cosign encrypted key: " + detail + "; was the file cut short?");
  }

  private static UnusableKeyException unsupported(String source, String detail) {
    return new UnusableKeyException(
        source + ": a cosign key with unsupported " + detail + "; re-create it with cosign");
  }

  private record ScryptCost(int n, int r, int p) {
    @Override
    public String toString() {
      return "N=" + n + ", r=" + r + ", p=" + p;
    }
  }
}
