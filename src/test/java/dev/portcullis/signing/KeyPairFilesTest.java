package dev.portcullis.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated key pair is two PEM files OpenSSL reads; nothing existing is ever overwritten. */
class KeyPairFilesTest {

  /** Tests other than the one about the real cost stretch the password less, to stay quick. */
  private static final int QUICK = 1_000;

  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path dir;
  private Path privateKey;
  private Path publicKey;
  private Openssl openssl;

  @BeforeEach
  void setUp() {
    privateKey = dir.resolve("portcullis.key");
    publicKey = dir.resolve("portcullis.pub");
    openssl = new Openssl(dir);
  }

  @Test
  void generatedPrivateKeyIsEncryptedOwnerOnlyAndOpensslOpensItWithThePassword() throws Exception {
    VerificationKey written = KeyPairFiles.generate(privateKey, publicKey, PASSWORD);

    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    openssl.run(
        "pkey",
        "-in",
        "portcullis.key",
        "-passin",
        "pass:correct horse",
        "-pubout",
        "-out",
        "derived.pub");
    assertThat(Files.readString(dir.resolve("derived.pub")))
        .isEqualTo(Files.readString(publicKey))
        .isEqualTo(written.toPem());
    assertThat(
            openssl
                .attempt("pkey", "-in", "portcullis.key", "-passin", "pass:wrong", "-noout")
                .exitCode())
        .isNotZero();
  }

  @Test
  void passwordIsStretchedWithPbkdf2HmacSha256At600000IterationsForAes256Cbc() throws Exception {
    KeyPairFiles.generate(privateKey, publicKey, PASSWORD);
    String body =
        Files.readString(privateKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    EncryptedPrivateKeyInfo info =
        EncryptedPrivateKeyInfo.getInstance(
            ASN1Primitive.fromByteArray(Base64.getDecoder().decode(body)));
    assertThat(info.getEncryptionAlgorithm().getAlgorithm())
        .isEqualTo(PKCSObjectIdentifiers.id_PBES2);
    PBES2Parameters pbes2 =
        PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
    PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    assertThat(kdf.getIterationCount().intValue()).isEqualTo(600_000);
    assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    assertThat(pbes2.getEncryptionScheme().getAlgorithm())
        .isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
    assertThat(PrivateKeys.read(privateKey, PASSWORD).verificationKey())
        .isEqualTo(PublicKeys.read(publicKey));
  }

  @Test
  void keyIsReadBackAndSignsWhatThePublicFileVerifies() throws Exception {
    KeyPairFiles.generate(privateKey, publicKey, PASSWORD, QUICK);
    SigningKey key = PrivateKeys.read(privateKey, PASSWORD);
    byte[] payload = {1, 2, 3};
    assertThat(PublicKeys.read(publicKey).verify(payload, key.sign(payload)).isValid()).isTrue();
  }

  @Test
  void emptyPasswordIsRefusedAndNothingIsWritten() {
    assertThatThrownBy(() -> KeyPairFiles.generate(privateKey, publicKey, new char[0]))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessageContaining("an empty password would leave the private key unprotected");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void unencryptedKeyIsWrittenOnlyWhenAskedForAndStillOwnerOnly() throws Exception {
    KeyPairFiles.generateUnencrypted(privateKey, publicKey);
    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    openssl.run("pkey", "-in", "portcullis.key", "-pubout", "-out", "derived.pub");
    assertThat(Files.readString(dir.resolve("derived.pub"))).isEqualTo(Files.readString(publicKey));
  }

  @Test
  void existingPrivateOrPublicFileIsNeverOverwritten() throws Exception {
    Files.writeString(privateKey, "precious");
    assertThatThrownBy(() -> KeyPairFiles.generate(privateKey, publicKey, PASSWORD, QUICK))
        .isInstanceOf(UnusableKeyException.class)
        .hasMessage(
            privateKey
                + ": already exists; a key file is never overwritten, so move it away or choose"
                + " another path");
    assertThat(Files.readString(privateKey)).isEqualTo("precious");
    assertThat(publicKey).doesNotExist();

    Files.delete(privateKey);
    Files.writeString(publicKey, "precious");
    assertThatThrownBy(() -> KeyPairFiles.generate(privateKey, publicKey, PASSWORD, QUICK))
        .hasMessageStartingWith(publicKey + ": already exists");
    assertThat(privateKey).doesNotExist();
    assertThat(Files.readString(publicKey)).isEqualTo("precious");
  }

  @Test
  void symlinkInPlaceOfTheKeyIsNotFollowed() throws Exception {
    Path target = dir.resolve("elsewhere");
    Files.createSymbolicLink(privateKey, target);
    assertThatThrownBy(() -> KeyPairFiles.generate(privateKey, publicKey, PASSWORD, QUICK))
        .hasMessageStartingWith(privateKey + ": already exists");
    assertThat(target).doesNotExist();
  }

  @Test
  void missingDirectoryAndOneFileForBothAreRefused() {
    Path missing = dir.resolve("no/such/dir/k.key");
    assertThatThrownBy(() -> KeyPairFiles.generate(missing, publicKey, PASSWORD, QUICK))
        .hasMessage(missing + ": cannot create the key file, its directory does not exist");
    assertThatThrownBy(() -> KeyPairFiles.generate(privateKey, privateKey, PASSWORD, QUICK))
        .hasMessageContaining("need two different files");
  }

  @Test
  void privateKeyIsRemovedAgainWhenThePublicKeyCannotBeWritten() {
    Path unwritable = dir.resolve("no/such/dir/k.pub");
    assertThatThrownBy(() -> KeyPairFiles.generate(privateKey, unwritable, PASSWORD, QUICK))
        .hasMessage(unwritable + ": cannot create the key file, its directory does not exist");
    assertThat(privateKey).doesNotExist();
  }
}
