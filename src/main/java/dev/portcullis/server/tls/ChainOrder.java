package dev.portcullis.server.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a chain in the order TLS sends it: server certificate first, then each certificate's issuer.
 * A file out of that order is served in order, with a warning; a certificate that is not part of
 * the chain is left out, with a warning. (Java's key store refuses a disordered chain, and some
 * clients fail on one with "unable to get issuer certificate".)
 */
final class ChainOrder {

  private ChainOrder() {}

  static List<X509Certificate> arrange(
      List<X509Certificate> file, PemFile source, List<String> warnings) {
    List<X509Certificate> remaining = new ArrayList<>(file.subList(1, file.size()));
    List<X509Certificate> chain = new ArrayList<>(List.of(file.get(0)));
    for (X509Certificate last = file.get(0); !selfIssued(last); ) {
      X509Certificate issuer = takeIssuer(last, remaining);
      if (issuer == null) {
        break;
      }
      chain.add(issuer);
      last = issuer;
    }
    if (!remaining.isEmpty()) {
      for (X509Certificate unrelated : remaining) {
        warnings.add(
            source.path()
                + ": certificate "
                + (file.indexOf(unrelated) + 1)
                + " ("
                + unrelated.getSubjectX500Principal().getName()
                + ") is not in the server certificate's chain and is not sent; remove it");
      }
    } else if (!chain.equals(file)) {
      warnings.add(
          source.path()
              + ": the chain is out of order and is sent reordered; order the file server"
              + " certificate first, then each issuer");
    }
    return List.copyOf(chain);
  }

  private static boolean selfIssued(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
  }

  private static X509Certificate takeIssuer(
      X509Certificate issued, List<X509Certificate> candidates) {
    for (X509Certificate candidate : candidates) {
      if (candidate.getSubjectX500Principal().equals(issued.getIssuerX500Principal())) {
        candidates.remove(candidate);
        return candidate;
      }
    }
    return null;
  }
}
