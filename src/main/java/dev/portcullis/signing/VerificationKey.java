package dev.portcullis.signing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** An ECDSA P-256 public key that checks cosign signatures. */
public final class VerificationKey {

  private final ECPublicKey publicKey;

  VerificationKey(ECPublicKey publicKey) {
    this.publicKey = publicKey;
  }

  /**
   * Checks a base64 signature (as found in the {@code dev.cosignproject.cosign/signature}
   * annotation; line breaks are ignored, as cosign ignores them) over exactly these payload bytes.
   * Never throws for a bad signature: the verdict says what is wrong with it.
   */
  public SignatureVerdict verify(byte[] payload, String signatureBase64) {
    if (signatureBase64 == null || signatureBase64.isEmpty()) {
      return SignatureVerdict.malformed("the signature is empty");
    }
    byte[] der;
    try {
      // Go's base64 decoder, which cosign uses, skips line breaks; so do we, and nothing else.
      der = Base64.getDecoder().decode(signatureBase64.replace("\r", "").replace("\n", ""));
    } catch (IllegalArgumentException e) {
      return SignatureVerdict.malformed("the signature is not base64 (" + e.getMessage() + ")");
    }
    return verifyDer(payload, der);
  }

  private SignatureVerdict verifyDer(byte[] payload, byte[] der) {
    String derProblem = derProblem(der);
    if (derProblem != null) {
      return SignatureVerdict.malformed(
          "the signature is not a DER ECDSA signature: " + derProblem);
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(payload);
      return verifier.verify(der)
          ? SignatureVerdict.valid()
          : SignatureVerdict.invalid(
              "the signature does not match the payload with key " + fingerprint());
    } catch (SignatureException e) {
      return SignatureVerdict.malformed("the signature is not a DER ECDSA signature: " + e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot verify ECDSA P-256", e);
    }
  }

  /**
   * {@code SEQUENCE { INTEGER r, INTEGER s }} in strict DER with 0 < r, s < n; else what breaks.
   */
  private static String derProblem(byte[] der) {
    ASN1Primitive parsed;
    try {
      parsed = ASN1Primitive.fromByteArray(der);
    } catch (IOException | RuntimeException e) {
      return "unparseable ASN.1 (" + e.getMessage() + ")";
    }
    if (!(parsed instanceof ASN1Sequence sequence) || sequence.size() != 2) {
      return "not a SEQUENCE of two INTEGERs";
    }
    for (int i = 0; i < 2; i++) {
      if (!(sequence.getObjectAt(i) instanceof ASN1Integer integer)) {
        return "not a SEQUENCE of two INTEGERs";
      }
      BigInteger value = integer.getValue();
      if (value.signum() <= 0 || value.compareTo(P256.order()) >= 0) {
        return (i == 0 ? "r" : "s") + " is out of range for P-256";
      }
    }
    try {
      if (!Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), der)) {
        return "BER, not DER";
      }
    } catch (IOException e) {
      return "unencodable (" + e.getMessage() + ")";
    }
    return null;
  }

  /**
   * PKIX {@code -----BEGIN PUBLIC KEY-----} PEM, as cosign and {@code openssl ec -pubout} write.
   */
  public String toPem() {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject("PUBLIC KEY", P256.subjectPublicKeyInfo(publicKey)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** {@code sha256:} of the SubjectPublicKeyInfo DER: a short name for the key in reports. */
  public String fingerprint() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(P256.subjectPublicKeyInfo(publicKey));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerificationKey that
        && Arrays.equals(
            P256.subjectPublicKeyInfo(publicKey), P256.subjectPublicKeyInfo(that.publicKey));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(P256.subjectPublicKeyInfo(publicKey));
  }

  @Override
  public String toString() {
    return "ECDSA P-256 public key " + fingerprint();
  }
}
