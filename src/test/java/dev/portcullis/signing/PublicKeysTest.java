package dev.portcullis.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Public keys as {@code openssl ec -pubout} and cosign write them; others refused by name. */
class PublicKeysTest {

  @TempDir Path dir;
  private Openssl openssl;

  @BeforeEach
  void setUp() {
    openssl = new Openssl(dir);
  }

  @Test
  void opensslPublicKeyIsReadAndWrittenBackIdentically() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    openssl.run("ec", "-in", "k.pem", "-pubout", "-out", "k.pub");
    VerificationKey key = PublicKeys.read(dir.resolve("k.pub"));
    assertThat(key.toPem()).isEqualTo(Files.readString(dir.resolve("k.pub")));
    assertThat(key).isEqualTo(PrivateKeys.read(dir.resolve("k.pem"), null).verificationKey());
  }

  @Test
  void compressedPointIsReadAsTheSameKey() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    openssl.run("ec", "-in", "k.pem", "-pubout", "-out", "k.pub");
    openssl.run("ec", "-in", "k.pem", "-pubout", "-conv_form", "compressed", "-out", "c.pub");
    assertThat(PublicKeys.read(dir.resolve("c.pub")))
        .isEqualTo(PublicKeys.read(dir.resolve("k.pub")));
  }

  @Test
  void publicKeyOnAnotherCurveOrOfRsaIsRefused() throws Exception {
    openssl.run("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "p384.pem");
    openssl.run("ec", "-in", "p384.pem", "-pubout", "-out", "p384.pub");
    openssl.run(
        "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
    openssl.run("pkey", "-in", "rsa.pem", "-pubout", "-out", "rsa.pub");
    assertThatThrownBy(() -> PublicKeys.read(dir.resolve("p384.pub")))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageContaining("curve secp384r1, not P-256");
    assertThatThrownBy(() -> PublicKeys.read(dir.resolve("rsa.pub")))
        .hasMessageContaining("an RSA key");
  }

  @Test
  void privateKeyGivenAsPublicKeyIsNamed() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    assertThatThrownBy(() -> PublicKeys.read(dir.resolve("k.pem")))
        .hasMessageContaining("holds a private key; give the public key");
  }

  @Test
  void pointNotOnTheCurveIsRefused() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    openssl.run("ec", "-in", "k.pem", "-pubout", "-outform", "DER", "-out", "k.der");
    byte[] der = Files.readAllBytes(dir.resolve("k.der"));
    der[der.length - 1] ^= 1; // last byte of y: off the curve
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> PublicKeys.parse(pem.getBytes(StandardCharsets.US_ASCII), "k.pub"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith("k.pub: the public key is not a point on P-256");
  }

  @Test
  void garbageIsRefusedWithOneLine() {
    String pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> PublicKeys.parse(pem.getBytes(StandardCharsets.US_ASCII), "k.pub"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith("k.pub: the PUBLIC KEY block is not PKIX DER")
        .hasMessageNotContaining("\n");
  }
}
