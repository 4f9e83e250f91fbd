package dev.portcullis.artifact;

import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.image.FileNode;
import java.util.List;

/**
 * Everything one walk of one layer produced; the unit the layer cache stores.
 *
 * @param whiteouts paths this layer deletes from the layers below
 * @param opaqueDirectories directories whose lower-layer content this layer hides
 * @param files every entry the layer adds, whiteout markers excluded
 * @param results what the analyzers found, per path
 * @param warnings files the walk had to pass over
 */
public record LayerAnalysis(
    String diffId,
    List<String> whiteouts,
    List<String> opaqueDirectories,
    List<FileNode> files,
    List<AnalysisResult> results,
    List<String> warnings) {

  public LayerAnalysis {
    whiteouts = List.copyOf(whiteouts);
    opaqueDirectories = List.copyOf(opaqueDirectories);
    files = List.copyOf(files);
    results = List.copyOf(results);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
