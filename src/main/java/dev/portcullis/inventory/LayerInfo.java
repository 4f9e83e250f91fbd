package dev.portcullis.inventory;

/**
 * A layer as reports show it.
 *
 * @param index position from the bottom, starting at 0
 * @param diffId digest of the uncompressed layer, or null for a root filesystem
 * @param createdBy the Dockerfile instruction that made it, from the config history
 */
public record LayerInfo(int index, String diffId, String digest, String createdBy) {}
