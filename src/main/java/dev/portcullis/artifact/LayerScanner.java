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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    resolveHardLinks(source, layer, hardLinks, results, warnings);

    String diffId = layer.diffId() == null ? null : layer.diffId().toString();
    return new LayerAnalysis(diffId, whiteouts, opaque, files, results, warnings);
  }

  /**
   * A hard link shares its target's content, so what the analyzers found in the target holds for
   * the link. Where an analyzer wants the link but not the target (a package database linked to a
   * backup name, say), the content has streamed past unread: this rare case costs a second walk of
   * the layer that reads only those targets.
   */
  private void resolveHardLinks(
      ImageSource source,
      LayerRef layer,
      Map<String, String> hardLinks,
      List<AnalysisResult> results,
      List<String> warnings)
      throws IOException {
    Map<String, List<String>> unread = new HashMap<>();
    hardLinks.forEach(
        (link, target) -> {
          List<AnalysisResult> ofTarget =
              results.stream().filter(r -> r.path().equals(target)).toList();
          ofTarget.stream()
              .filter(r -> isRequired(r.analyzer(), link))
              .forEach(r -> results.add(r.atPath(link)));
          if (ofTarget.isEmpty() && analyzers.stream().anyMatch(a -> a.required(link, 0))) {
            unread.computeIfAbsent(target, t -> new ArrayList<>()).add(link);
          }
        });
    if (unread.isEmpty()) {
      return;
    }
    Set<String> found = new HashSet<>();
    source.walkLayer(
        layer,
        limits,
        entry -> {
          List<String> links = unread.get(entry.path());
          if (links != null && entry.type() == EntryType.FILE) {
            found.add(entry.path());
            byte[] content =
                entry
                    .content()
                    .readNBytes((int) Math.min(entry.size(), limits.maxAnalyzedFileBytes()));
            for (String link : links) {
              analyze(
                  new LayerEntry(
                      link,
                      EntryType.FILE,
                      entry.size(),
                      entry.mode(),
                      null,
                      new ByteArrayInputStream(content)),
                  results,
                  warnings);
            }
          }
        });
    unread.forEach(
        (target, links) -> {
          if (!found.contains(target)) {
            warnings.add(
                "hard links "
                    + links
                    + " point at /"
                    + target
                    + " of a lower layer; they were not analysed");
          }
        });
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
