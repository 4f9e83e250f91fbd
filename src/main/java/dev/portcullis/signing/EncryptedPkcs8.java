package dev.portcullis.signing;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PKCS#8 {@code EncryptedPrivateKeyInfo}: written as PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC,
 * read in whatever PBES2 form the JDK's ciphers cover (what OpenSSL writes by default).
 */
final class EncryptedPkcs8 {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;

  private EncryptedPkcs8() {}

  static PemObject encrypt(PrivateKeyInfo key, char[] password, int iterations) {
    try {
      OutputEncryptor encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(iterations)
              .setRandom(new SecureRandom())
              .setPassword(password)
              .build();
      return new PKCS8Generator(key, encryptor).generate();
    } catch (OperatorCreationException | PemGenerationException e) {
      throw new IllegalStateException("the JDK cannot encrypt PKCS#8 with PBES2/AES-256-CBC", e);
    }
  }

  static PrivateKeyInfo decrypt(byte[] der, char[] password, String source)
      throws UnusableKeyException {
    PKCS8EncryptedPrivateKeyInfo encrypted;
    try {
      encrypted = new PKCS8EncryptedPrivateKeyInfo(der);
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": the ENCRYPTED PRIVATE KEY block is not PKCS#8 (" + e.getMessage() + ")", e);
    }
    InputDecryptorProvider decryptor;
    try {
      decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no PKCS#8 decryptor", e);
    }
    try {
      return encrypted.decryptPrivateKeyInfo(decryptor);
    } catch (PKCSException | RuntimeException e) {
      String algorithm = encrypted.getEncryptionAlgorithm().getAlgorithm().getId();
      throw new UnusableKeyException(
          source
              + ": cannot decrypt the private key: wrong password, or an encryption scheme"
              + " (OID "
              + algorithm
              + ") this JDK cannot open ("
              + rootMessage(e)
              + "); "
              + KeyAdvice.CHECK_PASSWORD,
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
