package dev.portcullis.artifact;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.FileNode;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.LayerEntry;
import dev.portcullis.image.LayerEntry.EntryType;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.Limits;
import dev.portcullis.image.TarPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Walks one layer once and offers each file to the analyzers that asked for it. */
final class LayerScanner {

  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";

  private final List<Analyzer> analyzers;
  private final Limits limits;

  LayerScanner(List<Analyzer> analyzers, Limits limits) {
    this.analyzers = analyzers;
    this.limits = limits;
  }

  LayerAnalysis scan(ImageSource source, LayerRef layer) throws IOException {
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    List<FileNode> files = new ArrayList<>();
    List<AnalysisResult> results = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, String> hardLinks = new HashMap<>();

    source.walkLayer(
        layer,
        limits,
        entry -> {
          String name = TarPaths.fileName(entry.path());
          String parent = TarPaths.parent(entry.path());
          if (name.equals(OPAQUE_MARKER)) {
            opaque.add(parent);
          } else if (name.startsWith(WHITEOUT_PREFIX)) {
            String hidden = name.substring(WHITEOUT_PREFIX.length());
            whiteouts.add(parent.isEmpty() ? hidden : parent + "/" + hidden);
          } else {
            files.add(
                new FileNode(
                    entry.path(),
                    entry.type(),
                    entry.size(),
                    entry.mode(),
                    entry.linkTarget(),
                    layer.index()));
            if (entry.type() == EntryType.FILE) {
              analyze(entry, results, warnings);
            } else if (entry.type() == EntryType.HARDLINK) {
              hardLinks.put(entry.path(), entry.linkTarget());
            }
          }
        });

    // A hard link shares its target's content: what was found in the target holds for the link.
    List<AnalysisResult> linked = new ArrayList<>();
    hardLinks.forEach(
        (link, target) ->
            results.stream()
                .filter(r -> r.path().equals(target) && isRequired(r.analyzer(), link))
                .forEach(r -> linked.add(r.atPath(link))));
    results.addAll(linked);

    String diffId = layer.diffId() == null ? null : layer.diffId().toString();
    return new LayerAnalysis(diffId, whiteouts, opaque, files, results, warnings);
  }

  private void analyze(LayerEntry entry, List<AnalysisResult> results, List<String> warnings)
      throws IOException {
    List<Analyzer> wanted =
        analyzers.stream().filter(a -> a.required(entry.path(), entry.size())).toList();
    if (wanted.isEmpty()) {
      return;
    }
    if (entry.size() > limits.maxAnalyzedFileBytes()) {
      warnings.add(
          "/"
              + entry.path()
              + " ("
              + entry.size()
              + " bytes) exceeds the analysis limit of "
              + limits.maxAnalyzedFileBytes()
              + " bytes and was not analysed");
      return;
    }
    if (wanted.size() == 1) {
      results.add(
          wanted.get(0).analyze(new AnalysisInput(entry.path(), entry.size(), entry.content())));
      return;
    }
    byte[] content = entry.content().readAllBytes();
    for (Analyzer analyzer : wanted) {
      results.add(
          analyzer.analyze(
              new AnalysisInput(entry.path(), entry.size(), new ByteArrayInputStream(content))));
    }
  }

  private boolean isRequired(String analyzerType, String path) {
    return analyzers.stream().anyMatch(a -> a.type().equals(analyzerType) && a.required(path, 0));
  }
}
