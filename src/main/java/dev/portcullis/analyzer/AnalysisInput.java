package dev.portcullis.analyzer;

import dev.portcullis.image.SiblingFiles;
import java.io.InputStream;

/**
 * A file offered to an analyzer.
 *
 * @param path relative to the image root, without leading slash
 * @param content the file's bytes, readable once, during the call only
 * @param siblings the files beside it, where the source can read them (project directories)
 */
public record AnalysisInput(String path, long size, InputStream content, SiblingFiles siblings) {

  /** A file with nothing readable beside it, as in an image layer. */
  public AnalysisInput(String path, long size, InputStream content) {
    this(path, size, content, SiblingFiles.NONE);
  }
}
