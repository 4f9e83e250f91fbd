package dev.portcullis.server;

import dev.portcullis.admission.AdmissionConfig;
import dev.portcullis.policy.Policy;
import dev.portcullis.server.tls.TlsFiles;
import dev.portcullis.store.StoreLocation;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code portcullis serve} runs.
 *
 * @param host the address to listen on
 * @param port the port; 0 for any free one
 * @param store the store's location
 * @param database the vulnerability database file
 * @param policy the policy every image is judged by
 * @param anonymousReads whether reads need no token
 * @param maxRequestBytes the largest request body accepted
 * @param tls the PEM certificate and key to serve HTTPS with; null for plain HTTP
 * @param background rescans, registry feeds, cluster reads and notifications
 * @param admission the admission webhook on {@code POST /admission}; null when it is off
 */
public record ServerSettings(
    String host,
    int port,
    StoreLocation store,
    Path database,
    Policy policy,
    boolean anonymousReads,
    long maxRequestBytes,
    TlsFiles tls,
    BackgroundSettings background,
    AdmissionConfig admission) {

  /** 64 MiB: the CycloneDX SBOM of a large image is tens of megabytes. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(background, "background");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--listen: a port from 0 to 65535");
    }
  }
}
