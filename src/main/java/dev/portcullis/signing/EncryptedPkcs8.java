package dev.portcullis.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * PKCS#8 {@code EncryptedPrivateKeyInfo} under PBES2 (RFC 8018), with the JDK's PBKDF2 and ciphers
 * and BouncyCastle's ASN.1 only. Written as PBKDF2-HMAC-SHA256 with AES-256-CBC; read with any
 * PBKDF2 PRF of the SHA family and AES-CBC or 3DES-CBC, which covers what OpenSSL writes.
 */
final class EncryptedPkcs8 {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;

  /** A file asking for more iterations than this is refused rather than computed for minutes. */
  static final int MAX_ITERATIONS = 10_000_000;

  private static final Map<ASN1ObjectIdentifier, String> PRFS =
      Map.of(
          PKCSObjectIdentifiers.id_hmacWithSHA1, "PBKDF2WithHmacSHA1",
          PKCSObjectIdentifiers.id_hmacWithSHA224, "PBKDF2WithHmacSHA224",
          PKCSObjectIdentifiers.id_hmacWithSHA256, "PBKDF2WithHmacSHA256",
          PKCSObjectIdentifiers.id_hmacWithSHA384, "PBKDF2WithHmacSHA384",
          PKCSObjectIdentifiers.id_hmacWithSHA512, "PBKDF2WithHmacSHA512");

  private static final Map<ASN1ObjectIdentifier, Scheme> SCHEMES =
      Map.of(
          NISTObjectIdentifiers.id_aes128_CBC, new Scheme("AES", 16),
          NISTObjectIdentifiers.id_aes192_CBC, new Scheme("AES", 24),
          NISTObjectIdentifiers.id_aes256_CBC, new Scheme("AES", 32),
          PKCSObjectIdentifiers.des_EDE3_CBC, new Scheme("DESede", 24));

  private static final String UNSUPPORTED_ADVICE =
      "; re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`";

  private EncryptedPkcs8() {}

  /** The DER of an EncryptedPrivateKeyInfo: PBKDF2-HMAC-SHA256, AES-256-CBC, random salt and IV. */
  static byte[] encrypt(PrivateKeyInfo key, char[] password, int iterations) {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    try {
      byte[] secret = derive("PBKDF2WithHmacSHA256", password, salt, iterations, 32);
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "AES"), new IvParameterSpec(iv));
      byte[] encrypted = cipher.doFinal(key.getEncoded("DER"));
      PBKDF2Params kdf =
          new PBKDF2Params(
              salt,
              iterations,
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
      PBES2Parameters pbes2 =
          new PBES2Parameters(
              new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
              new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
      return new EncryptedPrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, pbes2), encrypted)
          .getEncoded("DER");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JDK cannot encrypt PKCS#8 with PBES2/AES-256-CBC", e);
    }
  }

  static PrivateKeyInfo decrypt(byte[] der, char[] password, String source)
      throws UnusableKeyException {
    EncryptedPrivateKeyInfo encrypted;
    PBES2Parameters pbes2;
    PBKDF2Params kdf;
    try {
      encrypted = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
      if (!algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
        throw new UnusableKeyException(
            source
                + ": the private key is encrypted with the legacy scheme "
                + algorithm.getAlgorithm().getId()
                + ", not PBES2"
                + UNSUPPORTED_ADVICE);
      }
      pbes2 = PBES2Parameters.getInstance(algorithm.getParameters());
      if (!pbes2.getKeyDerivationFunc().getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
        throw new UnusableKeyException(
            source
                + ": the private key's password is stretched with "
                + pbes2.getKeyDerivationFunc().getAlgorithm().getId()
                + ", not PBKDF2"
                + UNSUPPORTED_ADVICE);
      }
      kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": the ENCRYPTED PRIVATE KEY block is not PKCS#8 (" + e.getMessage() + ")", e);
    }
    String prf = PRFS.get(kdf.getPrf().getAlgorithm());
    Scheme scheme = SCHEMES.get(pbes2.getEncryptionScheme().getAlgorithm());
    if (prf == null || scheme == null) {
      throw new UnusableKeyException(
          source
              + ": the private key is encrypted with an unsupported PRF or cipher ("
              + kdf.getPrf().getAlgorithm().getId()
              + ", "
              + pbes2.getEncryptionScheme().getAlgorithm().getId()
              + ")"
              + UNSUPPORTED_ADVICE);
    }
    int iterations = kdf.getIterationCount().intValueExact();
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new UnusableKeyException(
          source + ": the private key asks for " + kdf.getIterationCount() + " PBKDF2 iterations");
    }
    try {
      byte[] iv =
          ASN1OctetString.getInstance(pbes2.getEncryptionScheme().getParameters()).getOctets();
      byte[] secret = derive(prf, password, kdf.getSalt(), iterations, scheme.keyBytes());
      Cipher cipher = Cipher.getInstance(scheme.cipher() + "/CBC/PKCS5Padding");
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(secret, scheme.cipher()), new IvParameterSpec(iv));
      byte[] plain = cipher.doFinal(encrypted.getEncryptedData());
      return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(plain));
    } catch (BadPaddingException | IOException | IllegalArgumentException e) {
      throw new UnusableKeyException(
          source
              + ": cannot decrypt the private key: wrong password, or the file is corrupt; "
              + KeyAdvice.CHECK_PASSWORD,
          e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": cannot decrypt the private key (" + e + ")" + UNSUPPORTED_ADVICE, e);
    }
  }

  private static byte[] derive(
      String prf, char[] password, byte[] salt, int iterations, int keyBytes)
      throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
    try {
      return SecretKeyFactory.getInstance(prf).generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private record Scheme(String cipher, int keyBytes) {}
}
