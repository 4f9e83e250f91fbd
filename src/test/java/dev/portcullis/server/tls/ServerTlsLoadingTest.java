package dev.portcullis.server.tls;

import static dev.portcullis.server.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.tls.TestPki.Issued;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsLoadingTest {

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Issued CA = TestPki.ca("portcullis test CA", NOW);
  private static final KeyPair RSA = TestPki.rsa();
  private static final KeyPair EC = TestPki.ec();

  @TempDir Path dir;

  private TlsFiles files(Issued leaf, String keyPem) {
    return new TlsFiles(
        TestPki.write(dir.resolve("cert.pem"), TestPki.pem(leaf.certificate(), CA.certificate())),
        TestPki.write(dir.resolve("key.pem"), keyPem));
  }

  private TlsSummary load(TlsFiles files) throws TlsFileException {
    return ServerTls.load(files, Map.of(), CLOCK).current();
  }

  private TlsSummary loadsKeyWrittenAs(KeyPair keys, Function<PrivateKey, String> form)
      throws TlsFileException {
    Issued leaf = TestPki.leaf(CA, keys, 42, NOW);
    return load(files(leaf, form.apply(keys.getPrivate())));
  }

  @Test
  void readsRsaKeyAsPkcs8() throws Exception {
    assertThat(loadsKeyWrittenAs(RSA, TestPki::pkcs8).serialNumber()).isEqualTo(42);
  }

  @Test
  void readsRsaKeyAsPkcs1() throws Exception {
    assertThat(TestPki.traditional(RSA.getPrivate())).contains("BEGIN RSA PRIVATE KEY");
    assertThat(loadsKeyWrittenAs(RSA, TestPki::traditional).serialNumber()).isEqualTo(42);
  }

  @Test
  void readsEcKeyAsSec1() throws Exception {
    assertThat(TestPki.traditional(EC.getPrivate())).contains("BEGIN EC PRIVATE KEY");
    assertThat(loadsKeyWrittenAs(EC, TestPki::traditional).serialNumber()).isEqualTo(42);
  }

  @Test
  void readsEcKeyAsPkcs8() throws Exception {
    assertThat(loadsKeyWrittenAs(EC, TestPki::pkcs8).subject()).contains("portcullis test server");
  }

  @Test
  void readsEncryptedPkcs8KeyWithPasswordFromEnvironment() throws Exception {
    Issued leaf = TestPki.leaf(CA, RSA, 7, NOW);
    TlsFiles files = files(leaf, TestPki.encryptedPkcs8(RSA.getPrivate(), "s3cret"));
    TlsSummary summary =
        ServerTls.load(files, Map.of(ServerTls.KEY_PASSWORD_VARIABLE, "s3cret"), CLOCK).current();
    assertThat(summary.serialNumber()).isEqualTo(BigInteger.valueOf(7));
  }

  @Test
  void readsLegacyEncryptedEcKeyWithPassword() throws Exception {
    Issued leaf = TestPki.leaf(CA, EC, 8, NOW);
    TlsFiles files = files(leaf, TestPki.encryptedTraditional(EC.getPrivate(), "s3cret"));
    assertThat(
            ServerTls.load(files, Map.of(ServerTls.KEY_PASSWORD_VARIABLE, "s3cret"), CLOCK)
                .current()
                .serialNumber())
        .isEqualTo(8);
  }

  @Test
  void encryptedKeyWithoutPasswordNamesTheVariable() {
    Issued leaf = TestPki.leaf(CA, RSA, 7, NOW);
    TlsFiles files = files(leaf, TestPki.encryptedPkcs8(RSA.getPrivate(), "s3cret"));
    assertThatThrownBy(() -> load(files))
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining("encrypted")
        .hasMessageContaining("PORTCULLIS_TLS_KEY_PASSWORD");
  }

  @Test
  void encryptedKeyWithWrongPasswordIsRefused() {
    Issued leaf = TestPki.leaf(CA, EC, 7, NOW);
    TlsFiles files = files(leaf, TestPki.encryptedPkcs8(EC.getPrivate(), "s3cret"));
    assertThatThrownBy(
            () -> ServerTls.load(files, Map.of(ServerTls.KEY_PASSWORD_VARIABLE, "wrong"), CLOCK))
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining("cannot decrypt the private key")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() {
    Issued leaf = TestPki.leaf(CA, RSA, 42, NOW);
    TlsFiles files = files(leaf, TestPki.pkcs8(TestPki.rsa().getPrivate()));
    assertThatThrownBy(() -> load(files))
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining("does not belong to the certificate")
        .hasMessageContaining("serial 2a");
  }

  @Test
  void keyOfAnotherAlgorithmIsRefused() {
    Issued leaf = TestPki.leaf(CA, RSA, 42, NOW);
    TlsFiles files = files(leaf, TestPki.pkcs8(EC.getPrivate()));
    assertThatThrownBy(() -> load(files))
        .hasMessageContaining("the private key (EC) does not belong to the certificate (RSA");
  }

  @Test
  void chainWithTheServerCertificateNotFirstSaysSo() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles files =
        new TlsFiles(
            TestPki.write(
                dir.resolve("cert.pem"), TestPki.pem(CA.certificate(), leaf.certificate())),
            TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(EC.getPrivate())));
    assertThatThrownBy(() -> load(files))
        .hasMessageContaining("belongs to certificate 2 of the chain")
        .hasMessageContaining("put the server certificate first");
  }

  @Test
  void caBundleInTheKeyFileIsRefused() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles files = files(leaf, TestPki.pem(CA.certificate()));
    assertThatThrownBy(() -> load(files))
        .isInstanceOf(TlsFileException.class)
        .hasMessageEndingWith(
            "the private key file holds a certificate; the key file must hold only the private"
                + " key: give certificates with --tls-cert, client CAs with --tls-client-ca");
  }

  @Test
  void keyInTheCertificateFileIsRefused() {
    TlsFiles files =
        new TlsFiles(
            TestPki.write(dir.resolve("cert.pem"), TestPki.pkcs8(EC.getPrivate())),
            TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(EC.getPrivate())));
    assertThatThrownBy(() -> load(files))
        .hasMessageContaining("certificate chain file holds a private key")
        .hasMessageContaining("--tls-key");
  }

  @Test
  void missingFileIsNamed() {
    Path absent = dir.resolve("absent.pem");
    TlsFiles files = new TlsFiles(absent, absent);
    assertThatThrownBy(() -> load(files))
        .isInstanceOf(TlsFileException.class)
        .hasMessage(absent + ": no such certificate chain file");
  }

  @Test
  void emptyFileIsRefused() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles files = files(leaf, "");
    assertThatThrownBy(() -> load(files))
        .hasMessageEndingWith("the private key file is empty; expected PEM");
  }

  @Test
  void garbageIsRefusedInOneLine() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    for (String garbage :
        new String[] {
          "hello\n",
          "-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n",
          "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
          "-----BEGIN PRIVATE KEY-----\nMIIB\n",
          "-----BEGIN NONSENSE-----\nAAAA\n-----END NONSENSE-----\n"
        }) {
      TlsFiles files = files(leaf, garbage);
      assertThatThrownBy(() -> load(files))
          .as(garbage)
          .isInstanceOf(TlsFileException.class)
          .message()
          .doesNotContain("\n")
          .startsWith(files.privateKey().toString());
    }
  }

  @Test
  void oversizedFileIsRefusedWithoutParsing() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles files = files(leaf, "A".repeat(PemFile.MAX_BYTES + 1));
    assertThatThrownBy(() -> load(files)).hasMessageEndingWith("too large for a private key file");
  }

  @Test
  void directoryGivenAsKeyIsRefusedAsInputError() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles written = files(leaf, TestPki.pkcs8(EC.getPrivate()));
    TlsFiles files = new TlsFiles(written.certificateChain(), dir);
    assertThatThrownBy(() -> load(files))
        .isInstanceOf(dev.portcullis.image.InputException.class)
        .hasMessageStartingWith(dir + ": cannot read the private key file");
  }

  @Test
  void derCertificateGetsAConversionHint() throws Exception {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    Path der = Files.write(dir.resolve("cert.der"), leaf.certificate().getEncoded());
    TlsFiles files =
        new TlsFiles(der, TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(EC.getPrivate())));
    assertThatThrownBy(() -> load(files)).hasMessageContaining("openssl x509 -inform der");
  }

  @Test
  void expiredCertificateLoadsWithAWarning() throws Exception {
    Issued expired = TestPki.leaf(CA, EC, 42, NOW.minus(Duration.ofDays(60)));
    TlsSummary summary = load(files(expired, TestPki.pkcs8(EC.getPrivate())));
    assertThat(summary.warnings())
        .singleElement()
        .asString()
        .contains("certificate 1 of 2 (CN=portcullis test server) expired at")
        .endsWith("clients will refuse it: renew it");
  }

  @Test
  void certificateNearExpiryWarns() throws Exception {
    Issued ending = TestPki.leaf(CA, EC, 42, NOW.minus(Duration.ofDays(25)));
    assertThat(load(files(ending, TestPki.pkcs8(EC.getPrivate()))).warnings())
        .singleElement()
        .asString()
        .contains("in 5 days: renew it");
  }

  @Test
  void currentCertificateHasNoWarnings() throws Exception {
    assertThat(loadsKeyWrittenAs(EC, TestPki::pkcs8).warnings()).isEmpty();
  }

  @Test
  void chainOutOfOrderWarns() throws Exception {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    Issued otherCa = TestPki.ca("another CA", NOW);
    TlsFiles files =
        new TlsFiles(
            TestPki.write(
                dir.resolve("cert.pem"), TestPki.pem(leaf.certificate(), otherCa.certificate())),
            TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(EC.getPrivate())));
    assertThat(load(files).warnings())
        .singleElement()
        .asString()
        .contains("certificate 2 (CN=another CA) is not in the server certificate's chain");
  }

  @Test
  void chainOutOfOrderIsServedInOrderWithAWarning() throws Exception {
    Issued intermediate = TestPki.intermediate(CA, "intermediate CA");
    Issued leaf = TestPki.leaf(intermediate, EC, 42, NOW);
    TlsFiles files =
        new TlsFiles(
            TestPki.write(
                dir.resolve("cert.pem"),
                TestPki.pem(leaf.certificate(), CA.certificate(), intermediate.certificate())),
            TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(EC.getPrivate())));
    ServerTls tls = ServerTls.load(files, Map.of(), CLOCK);
    assertThat(tls.current().warnings())
        .singleElement()
        .asString()
        .contains("the chain is out of order and is sent reordered");
    assertThat(tls.sslContextFactory().getKeyStore().getCertificateChain("server"))
        .containsExactly(leaf.certificate(), intermediate.certificate(), CA.certificate());
  }

  @Test
  void clientCaTurnsOnClientCertificates() throws Exception {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles plain = files(leaf, TestPki.pkcs8(EC.getPrivate()));
    Path clientCa = TestPki.write(dir.resolve("client-ca.pem"), TestPki.pem(CA.certificate()));
    TlsFiles mutual =
        new TlsFiles(plain.certificateChain(), plain.privateKey(), Optional.of(clientCa));
    assertThat(load(plain).clientCertificateRequired()).isFalse();
    assertThat(load(mutual).clientCertificateRequired()).isTrue();
  }

  @Test
  void clientCaFileWithoutCertificatesIsRefused() {
    Issued leaf = TestPki.leaf(CA, EC, 42, NOW);
    TlsFiles plain = files(leaf, TestPki.pkcs8(EC.getPrivate()));
    Path clientCa = TestPki.write(dir.resolve("client-ca.pem"), TestPki.pkcs8(EC.getPrivate()));
    TlsFiles mutual =
        new TlsFiles(plain.certificateChain(), plain.privateKey(), Optional.of(clientCa));
    assertThatThrownBy(() -> load(mutual))
        .hasMessageContaining("the client CA file holds a private key");
  }
}
