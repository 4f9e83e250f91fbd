package dev.portcullis.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads ECDSA P-256 private keys: encrypted or plain PKCS#8, SEC1 ({@code EC PRIVATE KEY}, as
 * {@code openssl ecparam -genkey} writes it, optionally with OpenSSL's legacy encryption), and
 * cosign's {@code ENCRYPTED SIGSTORE PRIVATE KEY} / {@code ENCRYPTED COSIGN PRIVATE KEY}.
 */
public final class PrivateKeys {

  private static final String EXPECTED = "a private key (-----BEGIN ENCRYPTED PRIVATE KEY-----)";

  private static final Map<String, String> NOT_A_SIGNING_KEY =
      Map.of(
          "PUBLIC KEY", "holds a public key, not a private key",
          "CERTIFICATE", "holds a certificate, not a private key",
          "RSA PRIVATE KEY", "holds an RSA key",
          "OPENSSH PRIVATE KEY", "holds an OpenSSH key");

  private PrivateKeys() {}

  /**
   * Reads the key file; the password opens an encrypted key and is ignored for a plain one (a
   * {@code null} password is taken as "none given").
   */
  public static SigningKey read(Path file, char[] password) throws UnusableKeyException {
    return readAskingPassword(file, () -> password);
  }

  /**
   * Reads the key file, asking for the password only when the key turns out to be encrypted (a
   * prompt must not appear for a plain key); the supplier may answer null for "none given".
   */
  public static SigningKey readAskingPassword(Path file, Supplier<char[]> password)
      throws UnusableKeyException {
    return parse(PemBlocks.readFile(file), password, file.toString());
  }

  /** As {@link #read}, from the file's bytes; {@code source} names it in errors. */
  public static SigningKey parse(byte[] pem, char[] password, String source)
      throws UnusableKeyException {
    return parse(pem, () -> password, source);
  }

  private static SigningKey parse(byte[] pem, Supplier<char[]> password, String source)
      throws UnusableKeyException {
    Supplier<char[]> asked =
        () -> {
          try {
            return password.get();
          } catch (RuntimeException e) {
            throw new PasswordUnavailable(e);
          }
        };
    try {
      return parseBlocks(pem, asked, source);
    } catch (PasswordUnavailable e) {
      throw e.reason;
    } catch (RuntimeException e) {
      // Hostile DER can trip the ASN.1 and curve code in ways no check above foresaw.
      throw new UnusableKeyException(source + ": not a readable private key (" + e + ")", e);
    }
  }

  /** Why asking for the password failed (no terminal, say): the caller's, passed through. */
  private static final class PasswordUnavailable extends RuntimeException {
    private final RuntimeException reason;

    PasswordUnavailable(RuntimeException reason) {
      super(reason);
      this.reason = reason;
    }
  }

  private static SigningKey parseBlocks(byte[] pem, Supplier<char[]> password, String source)
      throws UnusableKeyException {
    for (PemObject block : PemBlocks.parse(pem, source, EXPECTED)) {
      String type = block.getType();
      switch (type) {
        case "EC PARAMETERS":
          continue; // `openssl ecparam -genkey` without -noout writes the curve first
        case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY":
          return fromCosignPlaintext(
              SigstoreEncryptedKey.decrypt(block.getContent(), required(password, source), source),
              source);
        case "ENCRYPTED PRIVATE KEY":
          return fromPkcs8(
              EncryptedPkcs8.decrypt(block.getContent(), required(password, source), source),
              source);
        case "PRIVATE KEY":
          return fromPkcs8(pkcs8ToInfo(block.getContent(), source), source);
        case "EC PRIVATE KEY":
          return fromSec1(sec1Content(block, password, source), source);
        default:
          String why = NOT_A_SIGNING_KEY.getOrDefault(type, "holds a " + type + " block");
          throw new UnusableKeyException(
              source + ": " + why + ", not an ECDSA P-256 private key; " + KeyAdvice.NEED_P256);
      }
    }
    throw new UnusableKeyException(
        source + ": only curve parameters, no key; expected " + EXPECTED);
  }

  private static char[] required(Supplier<char[]> asked, String source)
      throws UnusableKeyException {
    char[] password = asked.get();
    if (password == null) {
      throw new UnusableKeyException(
          source + ": the private key is encrypted and no password was given; give its password");
    }
    return password;
  }

  private static PrivateKeyInfo pkcs8ToInfo(byte[] der, String source) throws UnusableKeyException {
    try {
      return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": the key is not PKCS#8 DER (" + e.getMessage() + "); " + EXPECTED, e);
    }
  }

  /**
   * Cosign puts PKCS#8 in the box; some early keys hold SEC1 instead, which cosign refuses but
   * which is just as well authenticated by the box, so it is read too.
   */
  private static SigningKey fromCosignPlaintext(byte[] der, String source)
      throws UnusableKeyException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException notPkcs8) {
      return fromSec1(der, source);
    }
    return fromPkcs8(info, source);
  }

  private static SigningKey fromPkcs8(PrivateKeyInfo info, String source)
      throws UnusableKeyException {
    P256.requireP256(info.getPrivateKeyAlgorithm(), source);
    try {
      return fromSec1Structure(
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()), source);
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": the EC key inside the PKCS#8 is malformed (" + e.getMessage() + ")", e);
    }
  }

  private static SigningKey fromSec1(byte[] der, String source) throws UnusableKeyException {
    org.bouncycastle.asn1.sec.ECPrivateKey sec1;
    try {
      sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": the EC PRIVATE KEY block is not SEC1 DER (" + e.getMessage() + ")", e);
    }
    P256.requireCurve(sec1.getParametersObject(), source);
    return fromSec1Structure(sec1, source);
  }

  private static SigningKey fromSec1Structure(
      org.bouncycastle.asn1.sec.ECPrivateKey sec1, String source) throws UnusableKeyException {
    if (sec1.getParametersObject() != null) {
      P256.requireCurve(sec1.getParametersObject(), source);
    }
    P256.KeyPairOnCurve pair = P256.keyPair(sec1.getKey(), source);
    DERBitString embeddedPublic = (DERBitString) sec1.getPublicKey();
    if (embeddedPublic != null && !P256.belongsTo(embeddedPublic.getOctets(), pair.publicKey())) {
      throw new UnusableKeyException(
          source
              + ": the public key stored in the file does not belong to its private key; the file"
              + " is corrupt or was tampered with");
    }
    return new SigningKey(pair);
  }

  /** The DER of an EC PRIVATE KEY block, opened first if OpenSSL's legacy headers encrypt it. */
  private static byte[] sec1Content(PemObject block, Supplier<char[]> password, String source)
      throws UnusableKeyException {
    String procType = header(block, "Proc-Type");
    if (procType == null || !procType.contains("ENCRYPTED")) {
      return block.getContent();
    }
    String dekInfo = header(block, "DEK-Info");
    int comma = dekInfo == null ? -1 : dekInfo.indexOf(',');
    if (comma < 0) {
      throw new UnusableKeyException(
          source + ": an encrypted EC PRIVATE KEY without a usable DEK-Info header");
    }
    try {
      PEMDecryptorProvider decryptors = new BcPEMDecryptorProvider(required(password, source));
      return decryptors
          .get(dekInfo.substring(0, comma).trim())
          .decrypt(block.getContent(), Hex.decode(dekInfo.substring(comma + 1).trim()));
    } catch (PEMException | OperatorCreationException | RuntimeException e) {
      throw new UnusableKeyException(
          source
              + ": cannot decrypt the EC PRIVATE KEY ("
              + e.getMessage()
              + "); "
              + KeyAdvice.CHECK_PASSWORD,
          e);
    }
  }

  private static String header(PemObject block, String name) {
    for (Object header : block.getHeaders()) {
      PemHeader pemHeader = (PemHeader) header;
      if (pemHeader.getName().equalsIgnoreCase(name)) {
        return pemHeader.getValue();
      }
    }
    return null;
  }
}
