package dev.portcullis.signing;

import java.io.IOException;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads ECDSA P-256 public keys in PKIX PEM, as cosign and {@code openssl ec -pubout} write them.
 */
public final class PublicKeys {

  private static final String EXPECTED = "a public key (-----BEGIN PUBLIC KEY-----)";

  private PublicKeys() {}

  public static VerificationKey read(Path file) throws UnusableKeyException {
    return parse(PemBlocks.readFile(file), file.toString());
  }

  /** As {@link #read}, from the file's bytes; {@code source} names it in errors. */
  public static VerificationKey parse(byte[] pem, String source) throws UnusableKeyException {
    PemObject block = PemBlocks.parse(pem, source, EXPECTED).get(0);
    if (!block.getType().equals("PUBLIC KEY")) {
      String hint =
          block.getType().contains("PRIVATE KEY")
              ? "holds a private key; give the public key (cosign.pub) instead"
              : "holds a " + block.getType() + " block; expected " + EXPECTED;
      throw new UnusableKeyException(source + ": " + hint);
    }
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(block.getContent()));
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": the PUBLIC KEY block is not PKIX DER (" + e.getMessage() + ")", e);
    }
    P256.requireP256(info.getAlgorithm(), source);
    try {
      return new VerificationKey(P256.publicKey(info.getPublicKeyData().getOctets(), source));
    } catch (RuntimeException e) {
      // A padded bit string or a point BouncyCastle cannot decode.
      throw new UnusableKeyException(source + ": not a readable public key (" + e + ")", e);
    }
  }
}
