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

  /**
   * The same analysis for the layer at another position: a cached layer may sit lower or higher in
   * this image than in the one it was first read from.
   */
  LayerAnalysis atLayer(int index) {
    if (files.stream().allMatch(f -> f.layer() == index)) {
      return this;
    }
    List<FileNode> moved =
        files.stream()
            .map(f -> new FileNode(f.path(), f.type(), f.size(), f.mode(), f.linkTarget(), index))
            .toList();
    return new LayerAnalysis(diffId, whiteouts, opaqueDirectories, moved, results, warnings);
  }
}
