package dev.portcullis.server.tls;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** What the server presents now: its certificate's subject, serial and expiry, and warnings. */
public record TlsSummary(
    String subject,
    BigInteger serialNumber,
    Instant notAfter,
    boolean clientCertificateRequired,
    List<String> warnings) {

  public TlsSummary {
    warnings = List.copyOf(warnings);
  }

  static TlsSummary of(TlsMaterial material) {
    return new TlsSummary(
        material.certificate().getSubjectX500Principal().getName(),
        material.certificate().getSerialNumber(),
        material.certificate().getNotAfter().toInstant(),
        material.clientTrust().isPresent(),
        material.warnings());
  }
}
