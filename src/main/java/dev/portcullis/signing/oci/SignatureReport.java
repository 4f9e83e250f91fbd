package dev.portcullis.signing.oci;

import dev.portcullis.image.Digest;
import java.util.List;

/**
 * What verifying an image's signatures found.
 *
 * @param key the fingerprint of the public key checked with
 * @param signatures every signature layer, checked; empty when the image has no signature manifest
 */
public record SignatureReport(
    String image, Digest digest, String key, List<RegistrySignatures.Checked> signatures) {

  public SignatureReport {
    signatures = List.copyOf(signatures);
  }

  /** At least one signature passed every check. */
  public boolean passed() {
    return signatures.stream().anyMatch(RegistrySignatures.Checked::passed);
  }
}
