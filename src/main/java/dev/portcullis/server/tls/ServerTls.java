package dev.portcullis.server.tls;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's TLS, from PEM files: one Jetty HTTPS connector, and reloading of the certificate
 * when the files' content changes, without a restart.
 */
public final class ServerTls {

  /** The environment variable holding the password of an encrypted private key. */
  public static final String KEY_PASSWORD_VARIABLE = "PORTCULLIS_TLS_KEY_PASSWORD";

  private final TlsFiles files;
  private final Optional<char[]> keyPassword;
  private final Clock clock;
  private final SslContextFactory.Server factory;
  private volatile TlsSummary current;
  private String lastSeen;

  private ServerTls(
      TlsFiles files, Optional<char[]> keyPassword, Clock clock, PemFiles read, TlsMaterial m) {
    this.files = files;
    this.keyPassword = keyPassword;
    this.clock = clock;
    this.factory = JettyTls.sslContextFactory(m);
    this.current = TlsSummary.of(m);
    this.lastSeen = read.fingerprint();
  }

  /**
   * Reads and checks the files; the key's password, if it is encrypted, comes from {@link
   * #KEY_PASSWORD_VARIABLE} in {@code environment} (pass {@code System.getenv()}).
   */
  public static ServerTls load(TlsFiles files, Map<String, String> environment, Clock clock)
      throws TlsFileException {
    Optional<char[]> password =
        Optional.ofNullable(environment.get(KEY_PASSWORD_VARIABLE)).map(String::toCharArray);
    PemFiles read = PemFiles.read(files);
    return new ServerTls(
        files, password, clock, read, TlsMaterial.load(read, password, clock.instant()));
  }

  /** The certificate served now, and the warnings about it to print. */
  public TlsSummary current() {
    return current;
  }

  /**
   * An HTTPS connector on {@code host:port} (port 0 for any free port), for Javalin's {@code
   * config.jetty.addConnector((server, http) -> tls.connector(server, http, host, port))}.
   */
  public ServerConnector connector(Server server, HttpConfiguration http, String host, int port) {
    ServerConnector connector = JettyTls.connector(server, http, factory);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /**
   * Reads the files again and, if their content changed since the last call, loads them into the
   * running connector: new handshakes get the new certificate, open connections keep theirs.
   * Returns whether it reloaded. Throws when the changed files cannot be used; the server then
   * keeps the certificate it has, and the same broken content is reported only once (a certificate
   * and key replaced one after the other mismatch for a moment).
   */
  public synchronized boolean reloadIfChanged() throws TlsFileException {
    PemFiles read;
    try {
      read = PemFiles.read(files);
    } catch (TlsFileException e) {
      if (changed("unreadable: " + e.getMessage())) {
        throw e;
      }
      return false;
    }
    if (!changed(read.fingerprint())) {
      return false;
    }
    TlsMaterial material = TlsMaterial.load(read, keyPassword, clock.instant());
    try {
      factory.reload(reloading -> JettyTls.install(reloading, material));
    } catch (Exception e) {
      throw new TlsFileException(
          files.certificateChain() + ": Jetty cannot reload the certificate (" + e + ")", e);
    }
    current = TlsSummary.of(material);
    return true;
  }

  private boolean changed(String fingerprint) {
    if (fingerprint.equals(lastSeen)) {
      return false;
    }
    lastSeen = fingerprint;
    return true;
  }

  /** The Jetty factory behind the connector, for a server that builds its own connectors. */
  SslContextFactory.Server sslContextFactory() {
    return factory;
  }
}
