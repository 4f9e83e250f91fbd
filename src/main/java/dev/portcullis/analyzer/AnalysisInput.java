package dev.portcullis.analyzer;

import java.io.InputStream;

/**
 * A file offered to an analyzer.
 *
 * @param path relative to the image root, without leading slash
 * @param content the file's bytes, readable once, during the call only
 */
public record AnalysisInput(String path, long size, InputStream content) {}
