package dev.portcullis.server.tls;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty's side: the SslContextFactory and HTTPS connector built from {@link TlsMaterial}. */
final class JettyTls {

  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private JettyTls() {}

  /**
   * TLS 1.2 and 1.3 only. Cipher suites are left to Jetty, whose default exclusions (RSA key
   * exchange, CBC-SHA1, MD5, export, NULL) are kept up to date with its releases.
   */
  static SslContextFactory.Server sslContextFactory(TlsMaterial material) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setIncludeProtocols(PROTOCOLS);
    factory.setSniRequired(false);
    install(factory, material);
    return factory;
  }

  /** Puts the key store and client trust in the factory; used at start and inside a reload. */
  static void install(SslContextFactory factory, TlsMaterial material) {
    factory.setKeyStore(material.keyStore());
    factory.setKeyStorePassword(material.keyStorePassword());
    factory.setCertAlias(TlsMaterial.KEY_ALIAS);
    factory.setTrustStore(material.clientTrust().orElse(null));
    if (factory instanceof SslContextFactory.Server server) {
      server.setNeedClientAuth(material.clientTrust().isPresent());
    }
  }

  /**
   * An HTTPS-only connector sharing the server's HTTP settings. The host check of SNI against the
   * certificate is off: the server has one certificate and is reached by whatever names its network
   * gives it (an IP, an ingress, an internal alias); the client verifies the name.
   */
  static ServerConnector connector(
      Server server, HttpConfiguration http, SslContextFactory.Server tls) {
    HttpConfiguration https = new HttpConfiguration(http);
    https.setSecureScheme("https");
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniRequired(false);
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    return new ServerConnector(
        server,
        new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
        new HttpConnectionFactory(https));
  }
}
