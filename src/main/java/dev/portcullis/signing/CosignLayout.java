package dev.portcullis.signing;

import dev.portcullis.image.Digest;

/** Where cosign keeps signatures in a registry (SIGNATURE_SPEC, tag-based discovery). */
public final class CosignLayout {

  /** The media type of each signature layer: its blob is the simple-signing payload. */
  public static final String PAYLOAD_MEDIA_TYPE =
      "application/vnd.dev.cosign.simplesigning.v1+json";

  /** The layer annotation holding the base64 signature over the layer's payload blob. */
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  private CosignLayout() {}

  /** The tag of the signature manifest of an image: {@code sha256-<hex>.sig}. */
  public static String signatureTag(Digest image) {
    return image.algorithm() + "-" + image.hex() + ".sig";
  }
}
