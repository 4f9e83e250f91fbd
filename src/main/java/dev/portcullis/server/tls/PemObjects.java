package dev.portcullis.server.tls;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Names, for error messages, the objects BouncyCastle's PEM parser returns. */
final class PemObjects {

  private PemObjects() {}

  static boolean isPrivateKey(Object object) {
    return object instanceof PEMKeyPair
        || object instanceof PEMEncryptedKeyPair
        || object instanceof PrivateKeyInfo
        || object instanceof PKCS8EncryptedPrivateKeyInfo;
  }

  static String describe(Object object) {
    if (isPrivateKey(object)) {
      return "a private key";
    }
    if (object instanceof X509CertificateHolder || object instanceof X509TrustedCertificateBlock) {
      return "a certificate";
    }
    if (object instanceof SubjectPublicKeyInfo) {
      return "a public key";
    }
    if (object instanceof PKCS10CertificationRequest) {
      return "a certificate signing request";
    }
    if (object instanceof X509CRLHolder) {
      return "a certificate revocation list";
    }
    if (object instanceof ASN1ObjectIdentifier) {
      return "EC curve parameters";
    }
    return "a PEM block of another kind (" + object.getClass().getSimpleName() + ")";
  }
}
