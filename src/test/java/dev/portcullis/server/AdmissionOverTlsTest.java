package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.ServeProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portcullis serve --admission} as a cluster runs it: its own process, HTTPS with a
 * certificate made by openssl as cert-manager or a cluster admin would, the API server trusting
 * that certificate's CA bundle and posting reviews without a token ({@code --admission-anonymous}).
 */
class AdmissionOverTlsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void theWebhookAnswersAdmissionReviewsOverTls() throws Exception {
    Path cert = directory.resolve("tls.crt");
    Path key = directory.resolve("tls.key");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=portcullis.portcullis.svc",
                "-addext",
                "subjectAltName=DNS:portcullis.portcullis.svc,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as(said).isTrue();
    Path policy =
        Files.writeString(
            directory.resolve("policy.yaml"),
            "admission:\n  namespaces:\n    dev:\n      failure-policy: Ignore\n");

    try (ServeProcess server =
        ServeProcess.start(
            directory,
            List.of(
                "--data-dir",
                directory.resolve("data").toString(),
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                key.toString(),
                "--policy",
                policy.toString(),
                "--admission",
                "--admission-anonymous"))) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      String url = "https://127.0.0.1:" + server.port() + "/admission";

      JsonNode scale = post(client, url, resource("docs-scale-update.json"));
      assertThat(scale.path("response").path("uid").asText())
          .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
      assertThat(scale.path("response").path("allowed").asBoolean()).isTrue();

      String gone = "127.0.0.1:" + LocalRegistry.freePort() + "/team/app:1.0";
      String pod = resource("pod-create.json").replace("${IMAGE}", gone);
      JsonNode denied = post(client, url, pod);
      assertThat(denied.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(denied.path("response").path("status").path("message").asText())
          .contains("not judged (failure-policy Fail): image " + gone);

      JsonNode lenient =
          post(client, url, pod.replace("\"namespace\": \"team\"", "\"namespace\": \"dev\""));
      assertThat(lenient.path("response").path("allowed").asBoolean()).isTrue();
      assertThat(lenient.path("response").path("warnings").get(0).asText())
          .startsWith("allowed unjudged (failure-policy Ignore): image " + gone);
    }
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "webhook", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = AdmissionOverTlsTest.class.getResourceAsStream("/admission/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode post(HttpClient client, String url, String body) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
