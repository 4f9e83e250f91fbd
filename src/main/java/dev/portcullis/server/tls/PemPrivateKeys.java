package dev.portcullis.server.tls;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads a TLS private key file: PKCS#8 ({@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} with
 * a password), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), the last two
 * optionally under OpenSSL's legacy encryption. The file holds the one key and nothing else.
 */
final class PemPrivateKeys {

  private PemPrivateKeys() {}

  static PrivateKey read(PemFile file, Optional<char[]> password) throws TlsFileException {
    List<Object> keys = new ArrayList<>();
    for (Object object : file.objects()) {
      if (object instanceof ASN1ObjectIdentifier) {
        continue; // `openssl ecparam -genkey` without -noout writes the curve before the key
      }
      if (!PemObjects.isPrivateKey(object)) {
        String advice =
            PemObjects.describe(object).equals("a certificate")
                ? "; the key file must hold only the private key: give certificates with"
                    + " --tls-cert, client CAs with --tls-client-ca"
                : "; expected a PEM private key (-----BEGIN PRIVATE KEY-----)";
        throw new TlsFileException(
            file.path() + ": the private key file holds " + PemObjects.describe(object) + advice);
      }
      keys.add(object);
    }
    if (keys.size() != 1) {
      throw new TlsFileException(
          file.path()
              + (keys.isEmpty()
                  ? ": only EC curve parameters, no private key"
                  : ": holds " + keys.size() + " private keys; keep only the certificate's key"));
    }
    PrivateKeyInfo info = plain(keys.get(0), file, password);
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new TlsFileException(
          file.path() + ": the private key cannot be used (" + e.getMessage() + ")", e);
    }
  }

  private static PrivateKeyInfo plain(Object key, PemFile file, Optional<char[]> password)
      throws TlsFileException {
    if (key instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (key instanceof PrivateKeyInfo info) {
      return info;
    }
    char[] secret = required(password, file);
    try {
      // BouncyCastle's provider is passed, not installed: installing it would change the JVM's
      // providers for every other caller.
      if (key instanceof PEMEncryptedKeyPair encrypted) {
        return encrypted
            .decryptKeyPair(
                new JcePEMDecryptorProviderBuilder()
                    .setProvider(new BouncyCastleProvider())
                    .build(secret))
            .getPrivateKeyInfo();
      }
      return ((PKCS8EncryptedPrivateKeyInfo) key)
          .decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(new BouncyCastleProvider())
                  .build(secret));
    } catch (IOException | PKCSException | OperatorCreationException | RuntimeException e) {
      throw new TlsFileException(
          file.path()
              + ": cannot decrypt the private key ("
              + e.getMessage()
              + "); check the password in "
              + ServerTls.KEY_PASSWORD_VARIABLE,
          e);
    }
  }

  private static char[] required(Optional<char[]> password, PemFile file) throws TlsFileException {
    return password.orElseThrow(
        () ->
            new TlsFileException(
                file.path()
                    + ": the private key is encrypted; set "
                    + ServerTls.KEY_PASSWORD_VARIABLE
                    + " to its password"));
  }
}
