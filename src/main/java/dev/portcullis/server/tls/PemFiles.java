package dev.portcullis.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The bytes of the TLS files as read at one moment, and a fingerprint of their content. */
record PemFiles(PemFile certificateChain, PemFile privateKey, Optional<PemFile> clientCa) {

  static PemFiles read(TlsFiles files) throws TlsFileException {
    PemFile chain = PemFile.read(files.certificateChain(), "certificate chain");
    PemFile key = PemFile.read(files.privateKey(), "private key");
    Optional<PemFile> clientCa = Optional.empty();
    if (files.clientCa().isPresent()) {
      clientCa = Optional.of(PemFile.read(files.clientCa().get(), "client CA"));
    }
    return new PemFiles(chain, key, clientCa);
  }

  /**
   * A digest of the three files' content. Content rather than modification times, because the usual
   * ways of replacing certificates (cert-manager and Kubernetes secret volumes swapping a symlink,
   * {@code cp -p}, a restore) can keep or reorder times while the bytes change.
   */
  String fingerprint() {
    return sha256(certificateChain)
        + "/"
        + sha256(privateKey)
        + "/"
        + clientCa.map(PemFiles::sha256).orElse("none");
  }

  private static String sha256(PemFile file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.bytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
