package dev.portcullis.signing.oci;

import dev.portcullis.image.Digest;
import java.util.Map;

/**
 * One signature as cosign stores it: a layer of the signature manifest whose blob is the signed
 * payload and whose annotations carry the signature.
 *
 * @param mediaType the layer's media type; {@link SignatureManifests#SIMPLE_SIGNING} for cosign's
 * @param signature the base64 signature over the payload blob, or null if the layer has none
 * @param annotations every annotation of the layer, the signature's included
 */
public record SignatureLayer(
    String mediaType, Digest digest, long size, String signature, Map<String, String> annotations) {

  public SignatureLayer {
    annotations = Map.copyOf(annotations);
  }

  /** A new signature of a payload. */
  public static SignatureLayer of(byte[] payload, String signature) {
    return new SignatureLayer(
        SignatureManifests.SIMPLE_SIGNING,
        Digest.sha256Of(payload),
        payload.length,
        signature,
        Map.of(SignatureManifests.SIGNATURE_ANNOTATION, signature));
  }
}
