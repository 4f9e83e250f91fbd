package dev.portcullis.image;

/**
 * One layer of an image, as its manifest and config describe it.
 *
 * @param index position from the bottom, starting at 0
 * @param diffId digest of the uncompressed tar; null where the source has none (a root filesystem)
 * @param blobDigest digest of the stored blob; null where the source stores no separate blob
 * @param location where the source finds the blob (an archive path, a digest, a directory)
 * @param createdBy the Dockerfile instruction from the config history, or empty
 */
public record LayerRef(
    int index,
    Digest diffId,
    Digest blobDigest,
    long compressedSize,
    String location,
    String createdBy) {

  /** What to call this layer in messages. */
  public String describe() {
    return "layer " + index + " (" + (diffId != null ? diffId : location) + ")";
  }
}
