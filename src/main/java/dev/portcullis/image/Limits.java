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
 * @param workFreeBytes the work budget of a layer: what it may expand to at any ratio up to {@code
 *     maxCompressionRatio}
 * @param maxWorkRatio beyond {@code workFreeBytes}, the ratio a layer may sustain: each further
 *     byte inflated must be paid for with compressed bytes, so that a stream just under the bomb
 *     ratio stops after seconds, not after inflating toward {@code maxLayerBytes}
 * @param maxBytesAfterArchive bytes a layer may carry after its tar's end (tar writers pad with a
 *     few KiB); they are inflated only to check the digest
 * @param maxEntryIndexBytes what the walks of one image's layers may hold about their entries: path
 *     names and link targets, counting a fixed cost per entry
 */
public record Limits(
    long maxLayerBytes,
    long maxCompressionRatio,
    long ratioCheckAfterBytes,
    long maxEntriesPerLayer,
    long maxMetadataBytes,
    long maxAnalyzedFileBytes,
    long workFreeBytes,
    long maxWorkRatio,
    long maxBytesAfterArchive,
    long maxEntryIndexBytes) {

  private static final long MIB = 1024L * 1024L;
  private static final long GIB = 1024L * MIB;

  public static Limits defaults() {
    return new Limits(
        32 * GIB, 1000, 64 * MIB, 2_000_000, 8 * MIB, 256 * MIB, 512 * MIB, 100, MIB, 256 * MIB);
  }

  public Limits withMaxLayerBytes(long bytes) {
    return new Limits(
        bytes,
        maxCompressionRatio,
        ratioCheckAfterBytes,
        maxEntriesPerLayer,
        maxMetadataBytes,
        maxAnalyzedFileBytes,
        workFreeBytes,
        maxWorkRatio,
        maxBytesAfterArchive,
        maxEntryIndexBytes);
  }
}
