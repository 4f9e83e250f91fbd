package dev.portcullis.signing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

/** An ECDSA P-256 private key that signs payloads as cosign does. */
public final class SigningKey {

  private final P256.KeyPairOnCurve pair;

  SigningKey(P256.KeyPairOnCurve pair) {
    this.pair = pair;
  }

  /**
   * ECDSA with SHA-256 over exactly these bytes; the ASN.1 DER signature in standard base64, the
   * value of the {@code dev.cosignproject.cosign/signature} annotation.
   */
  public String sign(byte[] payload) {
    return Base64.getEncoder().encodeToString(signDer(payload));
  }

  private byte[] signDer(byte[] payload) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.privateKey(), new SecureRandom());
      signer.update(payload);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with ECDSA P-256", e);
    }
  }

  /** The public half, to verify what this key signs or to write as {@code cosign.pub}. */
  public VerificationKey verificationKey() {
    return new VerificationKey(pair.publicKey());
  }

  P256.KeyPairOnCurve keyPair() {
    return pair;
  }

  @Override
  public String toString() {
    return "ECDSA P-256 signing key for " + verificationKey().fingerprint();
  }
}
