package dev.portcullis.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys as OpenSSL writes them are read; keys that cannot sign are refused by name. */
class PrivateKeysTest {

  private static final char[] SECRET = "s3cret".toCharArray();

  @TempDir Path dir;
  private Openssl openssl;

  @BeforeEach
  void setUp() {
    openssl = new Openssl(dir);
  }

  @Test
  void sec1KeyFromOpensslEcparamIsReadWithItsPublicKey() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
    SigningKey key = PrivateKeys.read(dir.resolve("k.pem"), null);
    assertThat(key.verificationKey().toPem()).isEqualTo(opensslPublicKey("k.pem"));
  }

  @Test
  void curveParametersBlockBeforeTheKeyIsSkipped() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-out", "k.pem");
    assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN EC PARAMETERS-----");
    assertThat(PrivateKeys.read(dir.resolve("k.pem"), null).verificationKey().toPem())
        .isEqualTo(opensslPublicKey("k.pem"));
  }

  @Test
  void opensslEncryptedPkcs8IsReadWithThePassword() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    openssl.run(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        "k.pem",
        "-passout",
        "pass:s3cret",
        "-out",
        "enc.pem");
    assertThat(Files.readString(dir.resolve("enc.pem")))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    SigningKey key = PrivateKeys.read(dir.resolve("enc.pem"), SECRET);
    assertThat(key.verificationKey().toPem()).isEqualTo(opensslPublicKey("k.pem"));
  }

  @Test
  void nonAsciiPasswordMeansItsUtf8BytesAsForOpenssl() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    Files.write(dir.resolve("pw.txt"), "pässwörd\n".getBytes(StandardCharsets.UTF_8));
    openssl.run(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        "k.pem",
        "-passout",
        "file:pw.txt",
        "-out",
        "enc.pem");
    SigningKey key = PrivateKeys.read(dir.resolve("enc.pem"), "pässwörd".toCharArray());
    assertThat(key.verificationKey().toPem()).isEqualTo(opensslPublicKey("k.pem"));
  }

  @Test
  void unencryptedPkcs8AndLegacyEncryptedSec1AreRead() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "k.pem", "-out", "plain.pem");
    openssl.run("ec", "-in", "k.pem", "-aes256", "-passout", "pass:s3cret", "-out", "legacy.pem");
    assertThat(Files.readString(dir.resolve("legacy.pem"))).contains("Proc-Type: 4,ENCRYPTED");
    String expected = opensslPublicKey("k.pem");
    assertThat(PrivateKeys.read(dir.resolve("plain.pem"), null).verificationKey().toPem())
        .isEqualTo(expected);
    assertThat(PrivateKeys.read(dir.resolve("legacy.pem"), SECRET).verificationKey().toPem())
        .isEqualTo(expected);
  }

  @Test
  void wrongPasswordOnPkcs8IsOneClearLine() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    openssl.run(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        "k.pem",
        "-passout",
        "pass:s3cret",
        "-out",
        "enc.pem");
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("enc.pem"), "wrong".toCharArray()))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith(dir.resolve("enc.pem") + ": cannot decrypt the private key")
        .hasMessageContaining("check the password")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("enc.pem"), null))
        .hasMessageContaining("no password was given");
  }

  @Test
  void keyOnAnotherCurveIsRefusedNamingTheCurve() throws Exception {
    openssl.run("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "p384.pem");
    openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "p384.pem", "-out", "p384-pkcs8.pem");
    for (String file : new String[] {"p384.pem", "p384-pkcs8.pem"}) {
      assertThatThrownBy(() -> PrivateKeys.read(dir.resolve(file), null))
          .isInstanceOf(UnusableKeyException.class)
          .hasMessageContaining("an EC key on curve secp384r1, not P-256")
          .hasMessageContaining("portcullis key generate");
    }
  }

  @Test
  void rsaAndEd25519KeysAreRefusedByName() throws Exception {
    openssl.run(
        "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
    openssl.run("rsa", "-in", "rsa.pem", "-traditional", "-out", "rsa-pkcs1.pem");
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("rsa.pem"), null))
        .hasMessage(dir.resolve("rsa.pem") + ": an RSA key; " + KeyAdvice.NEED_P256);
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("rsa-pkcs1.pem"), null))
        .hasMessageContaining("holds an RSA key, not an ECDSA P-256 private key");
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("ed.pem"), null))
        .hasMessageContaining("an Ed25519 key");
  }

  @Test
  void publicKeyGivenAsPrivateKeyIsNamed() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem");
    Files.writeString(dir.resolve("k.pub"), opensslPublicKey("k.pem"));
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("k.pub"), null))
        .hasMessageContaining("holds a public key, not a private key");
  }

  @Test
  void malformedPemIsRefusedWithOneLine() throws Exception {
    assertRefused("", "no PEM block");
    assertRefused("just some text\n", "no PEM block");
    assertRefused(
        "-----BEGIN PRIVATE KEY-----\nMIGH!!!notbase64\n-----END PRIVATE KEY-----\n",
        "malformed PEM");
    assertRefused("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n", "malformed PEM");
    assertRefused(
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n",
        "not PKCS#8 DER");
    assertRefused(
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "not SEC1 DER");
  }

  @Test
  void missingAndOversizedFilesAreRefused() throws Exception {
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("absent.pem"), null))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageContaining("no such key file");
    Files.write(dir.resolve("huge.pem"), new byte[PemBlocks.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> PrivateKeys.read(dir.resolve("huge.pem"), null))
        .hasMessageContaining("too large for a key file");
  }

  private void assertRefused(String pem, String expected) {
    assertThatThrownBy(
            () -> PrivateKeys.parse(pem.getBytes(StandardCharsets.US_ASCII), SECRET, "key.pem"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith("key.pem: ")
        .hasMessageContaining(expected)
        .hasMessageNotContaining("\n");
  }

  private String opensslPublicKey(String privateKeyFile) throws Exception {
    openssl.run("ec", "-in", privateKeyFile, "-pubout", "-out", "expected.pub");
    return Files.readString(dir.resolve("expected.pub"));
  }
}
