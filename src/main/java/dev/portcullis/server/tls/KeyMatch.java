package dev.portcullis.server.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

/**
 * Checks that the private key belongs to the server certificate by signing with the one and
 * verifying with the other: one proof for every key type, where comparing key parameters would need
 * code per algorithm.
 */
final class KeyMatch {

  private static final byte[] CHALLENGE =
      "portcullis: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  static void require(PrivateKey key, List<X509Certificate> chain, PemFiles files)
      throws TlsFileException {
    X509Certificate server = chain.get(0);
    if (belongs(key, server.getPublicKey(), files)) {
      return;
    }
    for (int i = 1; i < chain.size(); i++) {
      if (belongs(key, chain.get(i).getPublicKey(), files)) {
        throw new TlsFileException(
            files.certificateChain().path()
                + ": the private key belongs to certificate "
                + (i + 1)
                + " of the chain ("
                + chain.get(i).getSubjectX500Principal().getName()
                + "), not the first; put the server certificate first");
      }
    }
    throw new TlsFileException(
        files.privateKey().path()
            + ": the private key ("
            + key.getAlgorithm()
            + ") does not belong to the certificate ("
            + server.getPublicKey().getAlgorithm()
            + ", "
            + server.getSubjectX500Principal().getName()
            + ", serial "
            + server.getSerialNumber().toString(16)
            + ") in "
            + files.certificateChain().path()
            + "; give the key the certificate was issued for");
  }

  private static boolean belongs(PrivateKey key, PublicKey candidate, PemFiles files)
      throws TlsFileException {
    if (!key.getAlgorithm().equals(candidate.getAlgorithm())) {
      return false;
    }
    try {
      Signature signer = signature(key.getAlgorithm(), files);
      signer.initSign(key);
      signer.update(CHALLENGE);
      byte[] signed = signer.sign();
      Signature verifier = signature(key.getAlgorithm(), files);
      verifier.initVerify(candidate);
      verifier.update(CHALLENGE);
      return verifier.verify(signed);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Keys of the same algorithm but different parameters (EC curves) fail here, not in verify.
      return false;
    }
  }

  private static Signature signature(String keyAlgorithm, PemFiles files)
      throws TlsFileException, GeneralSecurityException {
    switch (keyAlgorithm) {
      case "RSA":
        return Signature.getInstance("SHA256withRSA");
      case "EC":
        return Signature.getInstance("SHA256withECDSA");
      case "Ed25519", "Ed448", "EdDSA":
        return Signature.getInstance("EdDSA");
      case "RSASSA-PSS":
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return pss;
      default:
        throw new TlsFileException(
            files.privateKey().path()
                + ": a "
                + keyAlgorithm
                + " key cannot serve TLS here; use an RSA or EC key");
    }
  }
}
