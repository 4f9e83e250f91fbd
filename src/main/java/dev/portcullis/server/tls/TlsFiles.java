package dev.portcullis.server.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The PEM files TLS is served from: the certificate chain (server certificate first), its private
 * key, and optionally the CA bundle that client certificates must chain to (mutual TLS).
 */
public record TlsFiles(Path certificateChain, Path privateKey, Optional<Path> clientCa) {

  public TlsFiles {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(clientCa, "clientCa");
  }

  /** The certificate chain and key, without client certificates. */
  public TlsFiles(Path certificateChain, Path privateKey) {
    this(certificateChain, privateKey, Optional.empty());
  }
}
