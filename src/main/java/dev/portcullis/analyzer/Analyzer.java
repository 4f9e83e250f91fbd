package dev.portcullis.analyzer;

import java.io.IOException;

/**
 * Understands one kind of file. The engine walks each layer once and offers every regular file to
 * the analyzers whose {@link #required} accepts it, decided from path and size alone.
 */
public interface Analyzer {

  /** A stable name, part of the layer cache key. */
  String type();

  /**
   * Bumped whenever the analyzer's output changes, so cached results of older versions are not
   * used.
   */
  int version();

  /** Whether this analyzer wants the file; must not read anything. */
  boolean required(String path, long size);

  /**
   * The largest file the analyzer reads. A wanted file larger than this is not read, and the report
   * says so: an unread lockfile must not pass for an empty one.
   */
  default long maxFileSize() {
    return Long.MAX_VALUE;
  }

  /**
   * Whether the analyzer reads executables only, files with an execute bit, as Trivy's binary
   * analyzers do: the engine then offers it no other file, whatever {@link #required} says.
   */
  default boolean executablesOnly() {
    return false;
  }

  /**
   * Whether the analyzer reads text only: the engine then does not offer it files whose first bytes
   * show binary content (a NUL byte), as Trivy's secret scanner skips them.
   */
  default boolean textOnly() {
    return false;
  }

  /**
   * What, besides {@link #version}, changes this analyzer's output: the user's own rules, say. Part
   * of the layer cache key; empty for analyzers that have no settings.
   */
  default String configuration() {
    return "";
  }

  /** Reads the file and reports what it found. */
  AnalysisResult analyze(AnalysisInput input) throws IOException;
}
