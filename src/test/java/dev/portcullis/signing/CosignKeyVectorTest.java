package dev.portcullis.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cosign's own encrypted keys (see the README beside the resources) and go-securesystemslib's own
 * vectors open with their passwords; altered or cut files are refused with one clear line.
 */
class CosignKeyVectorTest {

  private static final char[] HELLO = "hello".toCharArray();

  /** go-securesystemslib encrypted_test.go, TestDecrypt: "reallyimportant" under "supersecret". */
  private static final String SECURESYSTEMSLIB_DECRYPT_VECTOR =
      "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"N9a7x5JFGbrtB2uBR81jPwp0eiLR4A7FV3mjVAQrg1g=\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik\"},\"ciphertext\":\"SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ==\"}";

  /**
   * go-securesystemslib encrypted_test.go, kdfVectors (legacy, standard, OWASP costs): made with
   * its Marshal, so the box holds "reallyimportant" as a JSON string of base64.
   */
  private static final String[] SECURESYSTEMSLIB_KDF_VECTORS = {
    "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"WO3mVvyTwJ9vwT5/Tk5OW5WPIBUofMjcpEfrLnfY4uA=\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"tCy7HcTFr4uxv4Nrg/DWmncuZ148U1MX\"},\"ciphertext\":\"08n43p5G5yviPEZpO7tPPF4aZQkWiWjkv4taFdhDBA0tamKH4nw=\"}",
    "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},\"salt\":\"FhzPOt9/bJG4PTq6lQ6ecG6GzaOuOy/ynG5+yRiFlNs=\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"aw1ng1jHaDz/tQ7V2gR9O2+IGQ8xJEuE\"},\"ciphertext\":\"HycvuLZL4sYH0BrYTh4E/H20VtAW6u5zL5Pr+IBjYLYnCPzDkq8=\"}",
    "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":131072,\"r\":8,\"p\":1},\"salt\":\"m38E3kouJTtiheLQN22NQ8DTito5hrjpUIskqcd375k=\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"Y6PM13yA+o44pE/W1ZBwczeGnTV/m9Zc\"},\"ciphertext\":\"6H8sqj1K6B6yDjtH5AQ6lbFigg/C2yDDJc4rYJ79w9aVPImFIPI=\"}"
  };

  @Test
  void sigstoreLabelledKeyFromCosignOpensAndSigns() throws Exception {
    SigningKey key = PrivateKeys.parse(resource("sigstore-hello.key"), HELLO, "cosign.key");
    byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
    assertThat(key.verificationKey().verify(payload, key.sign(payload)).isValid()).isTrue();
  }

  @Test
  void olderCosignLabelledKeyOpens() throws Exception {
    SigningKey key = PrivateKeys.parse(resource("cosign-hello.key"), HELLO, "cosign.key");
    byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
    assertThat(key.verificationKey().verify(payload, key.sign(payload)).isValid()).isTrue();
  }

  @Test
  void cosignKeyHoldingSec1InsteadOfPkcs8IsReadToo() throws Exception {
    SigningKey key =
        PrivateKeys.parse(resource("cosign-hello-sec1-inside.key"), HELLO, "cosign.key");
    assertThat(key.verificationKey().fingerprint()).startsWith("sha256:");
  }

  @Test
  void decryptedCosignKeyIsTheKeyOpensslDerivesTheSamePublicKeyFrom(@TempDir Path dir)
      throws Exception {
    byte[] pkcs8 = SigstoreEncryptedKey.decrypt(cosignJson("sigstore-hello.key"), HELLO, "k");
    Files.write(dir.resolve("key.der"), pkcs8);
    String opensslPublic =
        new Openssl(dir).run("pkey", "-inform", "DER", "-in", "key.der", "-pubout");
    SigningKey key = PrivateKeys.parse(resource("sigstore-hello.key"), HELLO, "cosign.key");
    assertThat(key.verificationKey().toPem()).isEqualTo(opensslPublic);
  }

  @Test
  void securesystemslibDecryptVectorOpens() throws Exception {
    byte[] plaintext =
        SigstoreEncryptedKey.decrypt(
            SECURESYSTEMSLIB_DECRYPT_VECTOR.getBytes(StandardCharsets.UTF_8),
            "supersecret".toCharArray(),
            "vector");
    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("reallyimportant");
  }

  @Test
  void securesystemslibVectorsOpenAtEveryScryptCostItWrites() throws Exception {
    String reallyImportantAsGoJson =
        "\""
            + Base64.getEncoder().encodeToString("reallyimportant".getBytes(StandardCharsets.UTF_8))
            + "\"";
    for (String vector : SECURESYSTEMSLIB_KDF_VECTORS) {
      byte[] plaintext =
          SigstoreEncryptedKey.decrypt(
              vector.getBytes(StandardCharsets.UTF_8), "supersecret".toCharArray(), "vector");
      assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(reallyImportantAsGoJson);
    }
  }

  @Test
  void wrongPasswordIsRefusedWithOneClearLine() throws Exception {
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(
                    resource("sigstore-hello.key"), "hellO".toCharArray(), "cosign.key"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith("cosign.key: wrong password")
        .hasMessageNotContaining("\n");
  }

  @Test
  void missingPasswordIsAskedFor() {
    assertThatThrownBy(() -> PrivateKeys.parse(resource("sigstore-hello.key"), null, "cosign.key"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageContaining("no password was given");
  }

  @Test
  void flippedCiphertextByteDoesNotAuthenticate() throws Exception {
    String json = new String(cosignJson("sigstore-hello.key"), StandardCharsets.UTF_8);
    String ciphertext = json.replaceAll(".*\"ciphertext\":\"([^\"]+)\".*", "$1");
    byte[] box = Base64.getDecoder().decode(ciphertext);
    box[40] ^= 1;
    String altered = json.replace(ciphertext, Base64.getEncoder().encodeToString(box));
    assertThatThrownBy(() -> PrivateKeys.parse(cosignPem(altered), HELLO, "cosign.key"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageContaining("wrong password, or the key file was altered");
  }

  @Test
  void truncatedJsonIsMalformedNotAWrongPassword() throws Exception {
    String json = new String(cosignJson("sigstore-hello.key"), StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> PrivateKeys.parse(cosignPem(json.substring(0, json.length() / 2)), HELLO, "k"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith("k: not a readable cosign encrypted key: the PEM body is not valid")
        .hasMessageNotContaining("\n");
  }

  @Test
  void scryptCostsCosignNeverWritesAreRefusedBeforeDerivingAnything() {
    String hostile =
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,\"p\":1},\"salt\":\"AAAA\"},"
            + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik\"},"
            + "\"ciphertext\":\"AAAA\"}";
    assertThatThrownBy(() -> PrivateKeys.parse(cosignPem(hostile), HELLO, "k"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageContaining("unsupported scrypt parameters N=1073741824, r=8, p=1");
  }

  @Test
  void otherKdfOrCipherIsNamed() {
    String json = SECURESYSTEMSLIB_DECRYPT_VECTOR;
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(cosignPem(json.replace("\"scrypt\"", "\"argon2\"")), HELLO, "k"))
        .hasMessageContaining("unsupported key derivation \"argon2\"");
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(cosignPem(json.replace("nacl/secretbox", "aes-gcm")), HELLO, "k"))
        .hasMessageContaining("unsupported cipher \"aes-gcm\"");
  }

  @Test
  void missingFieldsShortNonceAndBadBase64AreMalformed() {
    String json = SECURESYSTEMSLIB_DECRYPT_VECTOR;
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(
                    cosignPem(
                        json.replace(
                            ",\"ciphertext\":\"SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ==\"",
                            "")),
                    HELLO,
                    "k"))
        .hasMessageContaining("lacks \"ciphertext\"");
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(
                    cosignPem(json.replace("2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik", "2h8HxMmg")),
                    HELLO,
                    "k"))
        .hasMessageContaining("nonce has 6 bytes, not 24");
    assertThatThrownBy(
            () -> PrivateKeys.parse(cosignPem(json.replace("N9a7x5", "N9a!x5")), HELLO, "k"))
        .hasMessageContaining("\"salt\" is not base64");
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(
                    cosignPem(json.replace("\"N\":32768", "\"N\":\"32768\"")), HELLO, "k"))
        .hasMessageContaining("\"N\" is not an integer");
  }

  @Test
  void boxThatOpensButHoldsNoKeyIsNotAKey() {
    // go-securesystemslib's vector opens (right password) to "reallyimportant", which is no key.
    assertThatThrownBy(
            () ->
                PrivateKeys.parse(
                    cosignPem(SECURESYSTEMSLIB_DECRYPT_VECTOR), "supersecret".toCharArray(), "k"))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageStartingWith("k: the EC PRIVATE KEY block is not SEC1 DER");
  }

  private static byte[] cosignJson(String resource) throws IOException {
    String pem = new String(resource(resource), StandardCharsets.US_ASCII);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static byte[] cosignPem(String json) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    return ("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
            + body
            + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = CosignKeyVectorTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
