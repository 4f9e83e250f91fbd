package dev.portcullis.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The token service of the distribution spec's Bearer flow, for a real docker-registry configured
 * with {@code auth: token}: checks Basic credentials and issues ES256 JWTs that carry the signing
 * certificate (x5c), which the registry checks against its root certificate bundle.
 */
public final class TokenServer implements AutoCloseable {

  public static final String SERVICE = "portcullis-test-registry";
  public static final String ISSUER = "portcullis-test-issuer";

  private final HttpServer server;
  private final PrivateKey key;
  private final String certificate;
  private final String user;
  private final String password;
  private final List<String> grantedScopes = new ArrayList<>();

  private TokenServer(
      HttpServer server, PrivateKey key, String certificate, String user, String password) {
    this.server = server;
    this.key = key;
    this.certificate = certificate;
    this.user = user;
    this.password = password;
  }

  /**
   * Makes a signing key with the JDK's keytool, writes its certificate to {@code dir/issuer.pem},
   * and starts serving.
   */
  public static TokenServer start(Path dir, String user, String password) throws Exception {
    Path keystore = dir.resolve("issuer.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    LocalRegistry.run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "issuer",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + ISSUER,
            "-validity",
            "2",
            "-keystore",
            keystore.toString(),
            "-storepass",
            "changeit",
            "-storetype",
            "PKCS12"));
    LocalRegistry.run(
        List.of(
            keytool,
            "-exportcert",
            "-rfc",
            "-alias",
            "issuer",
            "-keystore",
            keystore.toString(),
            "-storepass",
            "changeit",
            "-file",
            dir.resolve("issuer.pem").toString()));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("issuer", "changeit".toCharArray());
    Certificate cert = store.getCertificate("issuer");
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    TokenServer server =
        new TokenServer(
            http, key, Base64.getEncoder().encodeToString(cert.getEncoded()), user, password);
    http.createContext("/token", server::issue);
    http.start();
    return server;
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The auth section of a docker-registry configuration that trusts this server. */
  public String registryAuthConfig(Path dir) {
    return "token:\n  realm: "
        + realm()
        + "\n  service: "
        + SERVICE
        + "\n  issuer: "
        + ISSUER
        + "\n  rootcertbundle: "
        + dir.resolve("issuer.pem")
        + "\n";
  }

  /** Every scope a token was issued for, in order. */
  public synchronized List<String> grantedScopes() {
    return List.copyOf(grantedScopes);
  }

  private void issue(HttpExchange exchange) throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    boolean authenticated = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    List<String> scopes = new ArrayList<>();
    String query = exchange.getRequestURI().getRawQuery();
    for (String parameter : query == null ? new String[0] : query.split("&")) {
      if (parameter.startsWith("scope=")) {
        scopes.add(URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8));
      }
    }
    byte[] body;
    try {
      body =
          new ObjectMapper()
              .writeValueAsBytes(
                  new ObjectMapper()
                      .createObjectNode()
                      .put("token", jwt(authenticated ? scopes : List.of()))
                      .put("expires_in", 300));
    } catch (Exception e) {
      exchange.sendResponseHeaders(500, -1);
      return;
    }
    synchronized (this) {
      if (authenticated) {
        grantedScopes.addAll(scopes);
      }
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private String jwt(List<String> scopes) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode header = mapper.createObjectNode().put("typ", "JWT").put("alg", "ES256");
    header.putArray("x5c").add(certificate);
    long now = Instant.now().getEpochSecond();
    ObjectNode claims =
        mapper
            .createObjectNode()
            .put("iss", ISSUER)
            .put("sub", user)
            .put("aud", SERVICE)
            .put("exp", now + 300)
            .put("nbf", now - 10)
            .put("iat", now)
            .put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length == 3) {
        ObjectNode grant = access.addObject().put("type", parts[0]).put("name", parts[1]);
        ArrayNode actions = grant.putArray("actions");
        for (String action : parts[2].split(",")) {
          actions.add(action);
        }
      }
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(mapper.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(mapper.writeValueAsBytes(claims));
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initSign(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(signature.sign());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
