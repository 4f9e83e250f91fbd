package dev.portcullis.server.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/** Reads a file of PEM certificates: a server's chain or a CA bundle, nothing else. */
final class PemCertificates {

  private PemCertificates() {}

  /** The certificates in file order; a key or any other block in the file is refused. */
  static List<X509Certificate> read(PemFile file) throws TlsFileException {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : file.objects()) {
      X509CertificateHolder holder = holder(object, file);
      try {
        certificates.add(converter.getCertificate(holder));
      } catch (CertificateException | RuntimeException e) {
        throw new TlsFileException(
            file.path()
                + ": certificate "
                + (certificates.size() + 1)
                + " of the "
                + file.role()
                + " file is malformed ("
                + e.getMessage()
                + ")",
            e);
      }
    }
    return List.copyOf(certificates);
  }

  private static X509CertificateHolder holder(Object object, PemFile file) throws TlsFileException {
    if (object instanceof X509CertificateHolder holder) {
      return holder;
    }
    if (object instanceof X509TrustedCertificateBlock trusted) {
      return trusted.getCertificateHolder();
    }
    String what = PemObjects.describe(object);
    String advice =
        PemObjects.isPrivateKey(object)
            ? "; keep the private key in its own file, given with --tls-key"
            : "; it must hold only PEM certificates (-----BEGIN CERTIFICATE-----)";
    throw new TlsFileException(
        file.path() + ": the " + file.role() + " file holds " + what + advice);
  }
}
