package dev.portcullis.signing;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_secretbox_open} (XSalsa20-Poly1305), as Go's {@code
 * golang.org/x/crypto/nacl/secretbox} lays it out: a 16-byte Poly1305 tag, then the ciphertext.
 */
final class NaclSecretBox {

  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 24;
  static final int TAG_BYTES = 16;

  private NaclSecretBox() {}

  /** The plaintext, or empty when the box does not authenticate under this key and nonce. */
  static Optional<byte[]> open(byte[] box, byte[] nonce, byte[] key) {
    if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("secretbox takes a 32-byte key and a 24-byte nonce");
    }
    if (box.length < TAG_BYTES) {
      return Optional.empty();
    }
    XSalsa20Engine stream = new XSalsa20Engine();
    stream.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
    // The first 32 bytes of the key stream are the one-time Poly1305 key; the message is
    // encrypted with the stream from byte 32 on.
    byte[] macKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, macKey, 0);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(box, TAG_BYTES, box.length - TAG_BYTES);
    byte[] tag = new byte[TAG_BYTES];
    mac.doFinal(tag, 0);
    Arrays.fill(macKey, (byte) 0);
    if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, TAG_BYTES))) {
      return Optional.empty();
    }
    byte[] plaintext = new byte[box.length - TAG_BYTES];
    stream.processBytes(box, TAG_BYTES, plaintext.length, plaintext, 0);
    return Optional.of(plaintext);
  }
}
