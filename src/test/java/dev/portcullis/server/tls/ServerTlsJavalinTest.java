package dev.portcullis.server.tls;

import static dev.portcullis.server.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.server.tls.TestPki.Issued;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Javalin 7 server on loopback serving HTTPS from the PEM files. */
class ServerTlsJavalinTest {

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Issued CA = TestPki.ca("portcullis test CA", NOW);

  @TempDir Path dir;
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private TlsFiles write(Issued leaf, Optional<Path> clientCa) {
    return new TlsFiles(
        TestPki.write(dir.resolve("cert.pem"), TestPki.pem(leaf.certificate(), CA.certificate())),
        TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(leaf.keys().getPrivate())),
        clientCa);
  }

  private ServerTls serve(TlsFiles files) throws TlsFileException {
    ServerTls tls = ServerTls.load(files, Map.of(), CLOCK);
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/health", ctx -> ctx.result("ok"));
                  config.jetty.addConnector(
                      (server, http) -> tls.connector(server, http, "127.0.0.1", 0));
                })
            .start();
    return tls;
  }

  private String https() {
    return "https://127.0.0.1:" + app.port() + "/health";
  }

  private static SSLContext trustingCa(Optional<Issued> clientCertificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CA.certificate());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (clientCertificate.isPresent()) {
      keys.setKeyEntry(
          "client",
          clientCertificate.get().keys().getPrivate(),
          "pw".toCharArray(),
          new X509Certificate[] {clientCertificate.get().certificate(), CA.certificate()});
    }
    keyManagers.init(keys, "pw".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  /** A new client each time, so that no pooled connection hides a reload. */
  private HttpResponse<String> get(String uri, SSLContext context) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();
    return client.send(
        HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static BigInteger servedSerial(HttpResponse<String> response) throws Exception {
    return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
        .getSerialNumber();
  }

  @Test
  void servesHttpsWithTheRsaCertificate() throws Exception {
    serve(write(TestPki.leaf(CA, TestPki.rsa(), 11, NOW), Optional.empty()));
    HttpResponse<String> response = get(https(), trustingCa(Optional.empty()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(servedSerial(response)).isEqualTo(11);
    assertThat(app.jettyServer().server().getConnectors())
        .as("the TLS connector replaces Javalin's default plain HTTP one")
        .hasSize(1);
  }

  @Test
  void servesHttpsWithTheEcCertificateOverTls13And12Only() throws Exception {
    ServerTls tls = serve(write(TestPki.leaf(CA, TestPki.ec(), 12, NOW), Optional.empty()));
    HttpResponse<String> response = get(https(), trustingCa(Optional.empty()));
    assertThat(servedSerial(response)).isEqualTo(12);
    assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(tls.sslContextFactory().getSelectedProtocols())
        .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
  }

  @Test
  void tls11ClientHelloGetsNoServerHello() throws Exception {
    serve(write(TestPki.leaf(CA, TestPki.rsa(), 13, NOW), Optional.empty()));
    // Written by hand: the JDK's own client refuses to offer TLS 1.1, so it could not show what
    // the server does with one.
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(tls11ClientHello());
      out.flush();
      InputStream in = socket.getInputStream();
      int contentType = in.read();
      int major = in.read();
      assertThat(contentType)
          .as("an alert (21) or a closed connection (-1), never a handshake (22)")
          .isIn(21, -1);
      if (contentType == 21) {
        assertThat(major).isEqualTo(3);
      }
    }
  }

  /** A TLS 1.1 ClientHello offering ECDHE and RSA suites with AES-CBC. */
  private static byte[] tls11ClientHello() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] suites = {(byte) 0xC0, 0x13, (byte) 0xC0, 0x09, 0x00, 0x2F, 0x00, 0x35};
    int bodyLength = 2 + 32 + 1 + 2 + suites.length + 2;
    byte[] hello = new byte[5 + 4 + bodyLength];
    int i = 0;
    for (int b :
        new int[] {
          0x16,
          3,
          1,
          (4 + bodyLength) >> 8,
          (4 + bodyLength) & 0xFF, // record: handshake
          1,
          0,
          bodyLength >> 8,
          bodyLength & 0xFF, // ClientHello
          3,
          2 // TLS 1.1
        }) {
      hello[i++] = (byte) b;
    }
    System.arraycopy(random, 0, hello, i, 32);
    i += 32;
    hello[i++] = 0; // no session id
    hello[i++] = 0;
    hello[i++] = (byte) suites.length;
    System.arraycopy(suites, 0, hello, i, suites.length);
    i += suites.length;
    hello[i++] = 1; // one compression method: null
    hello[i] = 0;
    return hello;
  }

  @Test
  void plainHttpToTheTlsPortFails() throws Exception {
    serve(write(TestPki.leaf(CA, TestPki.ec(), 14, NOW), Optional.empty()));
    String plain = "http://127.0.0.1:" + app.port() + "/health";
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(plain)).build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void reloadAfterReplacingTheFilesServesTheNewCertificate() throws Exception {
    ServerTls tls = serve(write(TestPki.leaf(CA, TestPki.rsa(), 21, NOW), Optional.empty()));
    SSLContext client = trustingCa(Optional.empty());
    assertThat(servedSerial(get(https(), client))).isEqualTo(21);
    assertThat(tls.reloadIfChanged()).as("unchanged files").isFalse();

    write(TestPki.leaf(CA, TestPki.ec(), 22, NOW), Optional.empty());
    assertThat(tls.reloadIfChanged()).isTrue();
    assertThat(tls.current().serialNumber()).isEqualTo(22);
    assertThat(servedSerial(get(https(), client))).isEqualTo(22);
    assertThat(tls.reloadIfChanged()).isFalse();
  }

  @Test
  void brokenReplacementKeepsTheOldCertificateAndIsReportedOnce() throws Exception {
    TlsFiles files = write(TestPki.leaf(CA, TestPki.rsa(), 31, NOW), Optional.empty());
    ServerTls tls = serve(files);
    // The certificate is replaced first; its key has not arrived yet.
    Issued next = TestPki.leaf(CA, TestPki.ec(), 32, NOW);
    TestPki.write(files.certificateChain(), TestPki.pem(next.certificate(), CA.certificate()));
    assertThatThrownBy(tls::reloadIfChanged).hasMessageContaining("does not belong");
    assertThat(tls.reloadIfChanged()).as("same broken content, reported once").isFalse();
    SSLContext client = trustingCa(Optional.empty());
    assertThat(servedSerial(get(https(), client))).isEqualTo(31);

    TestPki.write(files.privateKey(), TestPki.pkcs8(next.keys().getPrivate()));
    assertThat(tls.reloadIfChanged()).isTrue();
    assertThat(servedSerial(get(https(), client))).isEqualTo(32);
  }

  @Test
  void clientCaRequiresAClientCertificateItIssued() throws Exception {
    Path clientCa = TestPki.write(dir.resolve("client-ca.pem"), TestPki.pem(CA.certificate()));
    serve(write(TestPki.leaf(CA, TestPki.ec(), 41, NOW), Optional.of(clientCa)));
    KeyPair clientKeys = TestPki.ec();
    Issued client = TestPki.client(CA, clientKeys, 42);
    assertThat(get(https(), trustingCa(Optional.of(client))).statusCode()).isEqualTo(200);

    SSLContext anonymous = trustingCa(Optional.empty());
    assertThatThrownBy(() -> get(https(), anonymous)).isInstanceOf(IOException.class);

    Issued strangerCa = TestPki.ca("stranger CA", NOW);
    Issued stranger = TestPki.client(strangerCa, TestPki.ec(), 43);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "client",
        stranger.keys().getPrivate(),
        "pw".toCharArray(),
        new X509Certificate[] {stranger.certificate()});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "pw".toCharArray());
    SSLContext strangerContext = SSLContext.getInstance("TLS");
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore caStore = KeyStore.getInstance("PKCS12");
    caStore.load(null, null);
    caStore.setCertificateEntry("ca", CA.certificate());
    trust.init(caStore);
    strangerContext.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
    assertThatThrownBy(() -> get(https(), strangerContext)).isInstanceOf(IOException.class);
  }

  @Test
  void requestForANameTheCertificateDoesNotListIsServed() throws Exception {
    serve(write(TestPki.leaf(CA, TestPki.ec(), 51, NOW), Optional.empty()));
    SSLContext context = trustingCa(Optional.empty());
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName("portcullis.internal.example")));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      socket
          .getOutputStream()
          .write(
              ("GET /health HTTP/1.1\r\nHost: portcullis.internal.example\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200").endsWith("ok");
    }
  }
}
