package dev.portcullis.server.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Warns of certificates outside or near the end of their validity. Only warns: an expired
 * certificate still lets the operator start the server and see the problem, and refusing would turn
 * a renewal that is late by minutes into an outage.
 */
final class Validity {

  /** Close enough to expiry to say so at every start and reload. */
  static final Duration SOON = Duration.ofDays(14);

  private Validity() {}

  static void warn(List<X509Certificate> certificates, String what, Instant now, List<String> out) {
    for (int i = 0; i < certificates.size(); i++) {
      X509Certificate certificate = certificates.get(i);
      String name =
          what
              + (certificates.size() > 1 ? " " + (i + 1) + " of " + certificates.size() : "")
              + " ("
              + certificate.getSubjectX500Principal().getName()
              + ")";
      Instant notBefore = certificate.getNotBefore().toInstant();
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (now.isAfter(notAfter)) {
        out.add(name + " expired at " + notAfter + "; clients will refuse it: renew it");
      } else if (now.isBefore(notBefore)) {
        out.add(name + " is not valid before " + notBefore + "; clients will refuse it until then");
      } else if (now.plus(SOON).isAfter(notAfter)) {
        out.add(
            name
                + " expires at "
                + notAfter
                + ", in "
                + Duration.between(now, notAfter).toDays()
                + " days: renew it");
      }
    }
  }
}
