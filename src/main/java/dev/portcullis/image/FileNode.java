package dev.portcullis.image;

import dev.portcullis.image.LayerEntry.EntryType;

/**
 * A file, directory or link as one layer records it.
 *
 * @param layer the index of the layer that wrote it
 */
public record FileNode(
    String path, EntryType type, long size, int mode, String linkTarget, int layer) {}
