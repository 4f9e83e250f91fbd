package dev.portcullis.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.image.Digest;
import dev.portcullis.signing.SignatureVerdict.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures cross between Portcullis and independent implementations (OpenSSL, and a signature
 * that sigstore-rs verifies); every kind of bad signature is a verdict that is not valid.
 */
class SignatureInteropTest {

  private static final Digest IMAGE =
      Digest.parse("sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");
  private static final Digest OTHER_IMAGE =
      Digest.parse("sha256:0000000000000000000000000000000000000000000000000000000000000001");

  @TempDir Path dir;
  private Openssl openssl;
  private byte[] payload;

  @BeforeEach
  void setUp() throws Exception {
    openssl = new Openssl(dir);
    payload =
        SimpleSigningPayload.of(
                "localhost:5000/team/app", IMAGE, Map.of("portcullis.dev/verdict", "pass"))
            .toJson();
    Files.write(dir.resolve("payload.json"), payload);
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
    openssl.run("ec", "-in", "key.pem", "-pubout", "-out", "pub.pem");
  }

  @Test
  void signatureMadeByOpensslOverOurPayloadVerifies() throws Exception {
    openssl.run("dgst", "-sha256", "-sign", "key.pem", "-out", "sig.der", "payload.json");
    String signature =
        Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("sig.der")));

    SignatureVerdict verdict = PublicKeys.read(dir.resolve("pub.pem")).verify(payload, signature);

    assertThat(verdict.status()).isEqualTo(Status.VALID);
  }

  @Test
  void ourSignatureVerifiesWithOpenssl() throws Exception {
    SigningKey key = PrivateKeys.read(dir.resolve("key.pem"), null);
    Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(key.sign(payload)));

    assertThat(
            openssl.run(
                "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "payload.json"))
        .contains("Verified OK");
  }

  @Test
  void opensslSignsWithOurEncryptedKeyAndWeVerify() throws Exception {
    KeyPairFiles.generate(
        dir.resolve("ours.key"), dir.resolve("ours.pub"), "pw".toCharArray(), 1000);
    openssl.run(
        "dgst",
        "-sha256",
        "-sign",
        "ours.key",
        "-passin",
        "pass:pw",
        "-out",
        "sig.der",
        "payload.json");
    String signature =
        Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("sig.der")));
    assertThat(PublicKeys.read(dir.resolve("ours.pub")).verify(payload, signature).isValid())
        .isTrue();
  }

  @Test
  void signatureThatSigstoreRsVerifiesVerifiesHereOverThePayloadWeBuild() throws Exception {
    VerificationKey key =
        PublicKeys.parse(
            CosignKeyVectorTest.resource("sigstore-rs-busybox.pub"), "sigstore-rs-busybox.pub");
    String signature =
        new String(
            CosignKeyVectorTest.resource("sigstore-rs-busybox.sig"), StandardCharsets.US_ASCII);
    byte[] theirPayload = CosignKeyVectorTest.resource("sigstore-rs-busybox.payload.json");
    byte[] ourPayload =
        SimpleSigningPayload.of("registry-testing.svc.lan/busybox", IMAGE, Map.of()).toJson();

    assertThat(ourPayload).isEqualTo(theirPayload);
    assertThat(key.verify(ourPayload, signature).isValid()).isTrue();
    assertThat(
            key.verify(
                    ourPayload, signature.substring(0, 44) + "\n" + signature.substring(44) + "\n")
                .isValid())
        .as("line breaks inside the base64, which cosign tolerates")
        .isTrue();
  }

  @Test
  void tamperedPayloadIsInvalid() throws Exception {
    SigningKey key = PrivateKeys.read(dir.resolve("key.pem"), null);
    String signature = key.sign(payload);
    byte[] tampered = payload.clone();
    tampered[tampered.length - 3] ^= 1;

    SignatureVerdict verdict = key.verificationKey().verify(tampered, signature);

    assertThat(verdict.status()).isEqualTo(Status.INVALID);
    assertThat(verdict.reason()).contains("does not match the payload");
  }

  @Test
  void signatureOverAnotherImageDigestIsInvalidForThisImage() throws Exception {
    SigningKey key = PrivateKeys.read(dir.resolve("key.pem"), null);
    byte[] other =
        SimpleSigningPayload.of("localhost:5000/team/app", OTHER_IMAGE, Map.of()).toJson();
    String signatureOverOther = key.sign(other);

    assertThat(key.verificationKey().verify(payload, signatureOverOther).status())
        .isEqualTo(Status.INVALID);
  }

  @Test
  void signatureByAnotherKeyIsInvalid() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.pem");
    String signature = PrivateKeys.read(dir.resolve("other.pem"), null).sign(payload);

    assertThat(PublicKeys.read(dir.resolve("pub.pem")).verify(payload, signature).status())
        .isEqualTo(Status.INVALID);
  }

  @Test
  void whatIsNotABase64DerEcdsaSignatureIsMalformed() throws Exception {
    VerificationKey key = PublicKeys.read(dir.resolve("pub.pem"));
    byte[] der =
        Base64.getDecoder().decode(PrivateKeys.read(dir.resolve("key.pem"), null).sign(payload));

    assertMalformed(key, "", "empty");
    assertMalformed(key, null, "empty");
    assertMalformed(key, "not base64!", "not base64");
    assertMalformed(key, base64(java.util.Arrays.copyOf(der, der.length - 1)), "unparseable ASN.1");
    assertMalformed(key, base64(concat(der, new byte[] {0})), "unparseable ASN.1");
    assertMalformed(
        key,
        base64(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01}),
        "r is out of range");
    assertMalformed(
        key, base64(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}), "not a SEQUENCE of two INTEGERs");
    assertMalformed(key, base64(berLongFormLength(der)), "BER, not DER");
    assertMalformed(
        key, base64("garbage".getBytes(StandardCharsets.US_ASCII)), "not a DER ECDSA signature");
  }

  private static void assertMalformed(VerificationKey key, String signature, String reason) {
    SignatureVerdict verdict = key.verify("payload".getBytes(StandardCharsets.US_ASCII), signature);
    assertThat(verdict.status()).as(reason).isEqualTo(Status.MALFORMED_SIGNATURE);
    assertThat(verdict.reason()).contains(reason);
    assertThat(verdict.isValid()).isFalse();
  }

  /** The same signature with its outer length in the long form (0x81 n): valid BER, not DER. */
  private static byte[] berLongFormLength(byte[] der) {
    byte[] ber = new byte[der.length + 1];
    ber[0] = 0x30;
    ber[1] = (byte) 0x81;
    System.arraycopy(der, 1, ber, 2, der.length - 1);
    return ber;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
