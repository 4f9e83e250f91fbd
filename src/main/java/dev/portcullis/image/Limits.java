package dev.portcullis.image;

/**
 * Bounds that keep a hostile image from exhausting memory or disk. Documented in docs/limits.md.
 *
 * @param maxLayerBytes uncompressed bytes one layer may expand to
 * @param maxCompressionRatio uncompressed to compressed ratio beyond which a layer is a bomb
 * @param ratioCheckAfterBytes the ratio is enforced only once a layer has expanded this far
 * @param maxEntriesPerLayer tar entries one layer may hold
 * @param maxMetadataBytes size of a manifest, index or config JSON document
 * @param maxAnalyzedFileBytes size of one file handed to an analyzer (larger ones are skipped)
 */
public record Limits(
    long maxLayerBytes,
    long maxCompressionRatio,
    long ratioCheckAfterBytes,
    long maxEntriesPerLayer,
    long maxMetadataBytes,
    long maxAnalyzedFileBytes) {

  private static final long MIB = 1024L * 1024L;
  private static final long GIB = 1024L * MIB;

  public static Limits defaults() {
    return new Limits(32 * GIB, 1000, 64 * MIB, 2_000_000, 8 * MIB, 256 * MIB);
  }

  public Limits withMaxLayerBytes(long bytes) {
    return new Limits(
        bytes,
        maxCompressionRatio,
        ratioCheckAfterBytes,
        maxEntriesPerLayer,
        maxMetadataBytes,
        maxAnalyzedFileBytes);
  }
}
