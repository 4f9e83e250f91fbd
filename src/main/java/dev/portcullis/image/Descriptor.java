package dev.portcullis.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** An OCI content descriptor: what a manifest or index says about a blob it points to. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(
    String mediaType,
    String digest,
    long size,
    Platform platform,
    Map<String, String> annotations) {

  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

  public Digest parsedDigest(String where) throws InputException {
    try {
      return Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new InputException(where + ": " + e.getMessage());
    }
  }

  public String refName() {
    return annotations == null ? null : annotations.get(REF_NAME_ANNOTATION);
  }
}
