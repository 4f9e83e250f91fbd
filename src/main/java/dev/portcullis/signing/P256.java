package dev.portcullis.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The one curve cosign keys use here, NIST P-256: turning ASN.1 key structures into JDK keys, with
 * the curve, the point and the scalar checked on the way.
 */
final class P256 {

  private static final ASN1ObjectIdentifier CURVE_OID = SECObjectIdentifiers.secp256r1;
  private static final X9ECParameters CURVE = ECNamedCurveTable.getByOID(CURVE_OID);
  private static final ECParameterSpec JDK_CURVE = jdkCurve();
  private static final AlgorithmIdentifier EC_P256 =
      new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, CURVE_OID);

  private P256() {}

  /** Checks that a key's algorithm identifier says "EC on P-256"; names what it is otherwise. */
  static void requireP256(AlgorithmIdentifier algorithm, String source)
      throws UnusableKeyException {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (!oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      throw new UnusableKeyException(
          source + ": " + describeAlgorithm(oid) + "; " + KeyAdvice.NEED_P256);
    }
    requireCurve(algorithm.getParameters(), source);
  }

  /** Checks the curve parameters of an EC key (a named-curve OID); explicit curves are refused. */
  static void requireCurve(ASN1Encodable parameters, String source) throws UnusableKeyException {
    if (parameters instanceof ASN1ObjectIdentifier curve) {
      if (!curve.equals(CURVE_OID)) {
        String name = ECNamedCurveTable.getName(curve);
        throw new UnusableKeyException(
            source
                + ": an EC key on curve "
                + (name == null ? curve.getId() : name)
                + ", not P-256 (prime256v1); "
                + KeyAdvice.NEED_P256);
      }
      return;
    }
    throw new UnusableKeyException(
        source
            + ": an EC key without a named curve (explicit or missing parameters); "
            + KeyAdvice.NEED_P256);
  }

  /** Decodes an uncompressed or compressed point, refusing one that is not on the curve. */
  static ECPublicKey publicKey(byte[] encodedPoint, String source) throws UnusableKeyException {
    ECPoint point;
    try {
      point = CURVE.getCurve().decodePoint(encodedPoint).normalize();
    } catch (IllegalArgumentException e) {
      throw new UnusableKeyException(
          source + ": the public key is not a point on P-256 (" + e.getMessage() + ")", e);
    }
    if (point.isInfinity() || !point.isValid()) {
      throw new UnusableKeyException(source + ": the public key is not a valid point on P-256");
    }
    return toJdk(point);
  }

  /** The private key of scalar {@code d}, with its public key computed as d·G. */
  static KeyPairOnCurve keyPair(BigInteger d, String source) throws UnusableKeyException {
    if (d.signum() <= 0 || d.compareTo(CURVE.getN()) >= 0) {
      throw new UnusableKeyException(source + ": the private scalar is out of range for P-256");
    }
    ECPoint publicPoint = new FixedPointCombMultiplier().multiply(CURVE.getG(), d).normalize();
    try {
      ECPrivateKey privateKey =
          (ECPrivateKey)
              KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, JDK_CURVE));
      return new KeyPairOnCurve(privateKey, toJdk(publicPoint));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refuses a P-256 private key", e);
    }
  }

  /** True when the encoded point is the public key of this pair (the check a key file allows). */
  static boolean belongsTo(byte[] encodedPoint, ECPublicKey publicKey) {
    try {
      ECPoint point = CURVE.getCurve().decodePoint(encodedPoint).normalize();
      return point.getAffineXCoord().toBigInteger().equals(publicKey.getW().getAffineX())
          && point.getAffineYCoord().toBigInteger().equals(publicKey.getW().getAffineY());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** PKCS#8 DER of the key, with the public key inside as Go's x509 and OpenSSL write it. */
  static PrivateKeyInfo pkcs8(KeyPairOnCurve pair) {
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              256,
              pair.privateKey().getS(),
              new DERBitString(uncompressed(pair.publicKey())),
              null);
      return new PrivateKeyInfo(EC_P256, sec1);
    } catch (IOException e) {
      throw new IllegalStateException("encoding a P-256 private key", e);
    }
  }

  /** SubjectPublicKeyInfo DER ("BEGIN PUBLIC KEY"), named curve, uncompressed point. */
  static byte[] subjectPublicKeyInfo(ECPublicKey publicKey) {
    try {
      return new SubjectPublicKeyInfo(EC_P256, uncompressed(publicKey)).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("encoding a P-256 public key", e);
    }
  }

  static BigInteger order() {
    return CURVE.getN();
  }

  private static byte[] uncompressed(ECPublicKey publicKey) {
    ECPoint point =
        CURVE.getCurve().createPoint(publicKey.getW().getAffineX(), publicKey.getW().getAffineY());
    return point.getEncoded(false);
  }

  private static ECPublicKey toJdk(ECPoint point) {
    java.security.spec.ECPoint w =
        new java.security.spec.ECPoint(
            point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger());
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, JDK_CURVE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refuses a P-256 public key", e);
    }
  }

  private static String describeAlgorithm(ASN1ObjectIdentifier oid) {
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "an RSA key";
    }
    if (oid.getId().equals("1.3.101.112")) {
      return "an Ed25519 key";
    }
    if (oid.getId().equals("1.3.101.113")) {
      return "an Ed448 key";
    }
    return "a key of algorithm " + oid.getId();
  }

  private static ECParameterSpec jdkCurve() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks the P-256 curve", e);
    }
  }

  /** A private key and its public key, both on P-256. */
  record KeyPairOnCurve(ECPrivateKey privateKey, ECPublicKey publicKey) {
    @Override
    public String toString() {
      return "P-256 key pair";
    }
  }
}
