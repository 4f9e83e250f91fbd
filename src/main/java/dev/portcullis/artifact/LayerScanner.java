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
import dev.portcullis.image.SiblingFiles;
import dev.portcullis.image.TarPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Walks one layer once and offers each file to the analyzers that asked for it. */
final class LayerScanner {

  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";

  /** How much of a file is looked at to tell text from binary content. */
  private static final int SNIFF_BYTES = 1024;

  /**
   * Files up to this size that several analyzers read are shared in memory, larger ones on disk.
   */
  private static final long SHARED_IN_MEMORY = 8L * 1024 * 1024;

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
    Map<String, LayerEntry> hardLinks = new HashMap<>();

    source.walkLayer(
        layer,
        limits,
        entry -> {
          if (entry.warning() != null) {
            warnings.add(entry.warning());
          }
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
              List<Analyzer> wanting = wanting(entry.path(), entry.size(), entry.mode());
              if (!wanting.isEmpty()) {
                analyze(entry, source.siblingsOf(entry.path()), wanting, results, warnings);
              }
            } else if (entry.type() == EntryType.HARDLINK) {
              hardLinks.put(entry.path(), entry);
            }
          }
        });

    resolveHardLinks(source, layer, hardLinks, files, results, warnings);

    String diffId = layer.diffId() == null ? null : layer.diffId().toString();
    return new LayerAnalysis(diffId, whiteouts, opaque, files, results, warnings);
  }

  /**
   * A hard link shares its target's content, so what an analyzer found in the target holds for the
   * link. Where an analyzer wants the link but was not offered the target (a package database
   * linked to a backup name, say), the content has streamed past unread: this rare case costs a
   * second walk of the layer that reads only those targets.
   */
  private void resolveHardLinks(
      ImageSource source,
      LayerRef layer,
      Map<String, LayerEntry> hardLinks,
      List<FileNode> files,
      List<AnalysisResult> results,
      List<String> warnings)
      throws IOException {
    if (hardLinks.isEmpty()) {
      return;
    }
    Map<String, FileNode> regularFiles = new HashMap<>();
    files.stream()
        .filter(f -> f.type() == EntryType.FILE)
        .forEach(f -> regularFiles.put(f.path(), f));
    Map<String, List<Pending>> unread = new HashMap<>();
    List<AnalysisResult> copies = new ArrayList<>();
    hardLinks.forEach(
        (path, link) -> {
          FileNode target = regularFiles.get(link.linkTarget());
          List<Analyzer> wanting = wanting(path, 0, link.mode());
          if (target == null && !wanting.isEmpty()) {
            warnings.add(
                "hard link /"
                    + path
                    + " points at /"
                    + link.linkTarget()
                    + " of a lower layer; it was not analysed");
            return;
          }
          for (Analyzer analyzer : wanting) {
            if (wants(analyzer, target.path(), target.size(), target.mode())) {
              results.stream()
                  .filter(r -> r.path().equals(target.path()))
                  .filter(r -> r.analyzer().equals(analyzer.type()))
                  .forEach(r -> copies.add(r.atPath(path)));
            } else {
              unread
                  .computeIfAbsent(target.path(), t -> new ArrayList<>())
                  .add(new Pending(path, analyzer));
            }
          }
        });
    results.addAll(copies);
    if (unread.isEmpty()) {
      return;
    }
    source.walkLayer(
        layer,
        limits,
        entry -> {
          List<Pending> pending = unread.get(entry.path());
          if (pending != null && entry.type() == EntryType.FILE) {
            byte[] content =
                entry
                    .content()
                    .readNBytes((int) Math.min(entry.size(), limits.maxAnalyzedFileBytes()));
            for (Pending link : pending) {
              analyze(
                  new LayerEntry(
                      link.path(),
                      EntryType.FILE,
                      entry.size(),
                      entry.mode(),
                      null,
                      new ByteArrayInputStream(content),
                      null),
                  source.siblingsOf(link.path()),
                  List.of(link.analyzer()),
                  results,
                  warnings);
            }
          }
        });
  }

  /** A hard link an analyzer wants, whose target it was not offered. */
  private record Pending(String path, Analyzer analyzer) {}

  /** Called for every file of every layer: a plain loop, and no list at all for most files. */
  private List<Analyzer> wanting(String path, long size, int mode) {
    List<Analyzer> wanting = List.of();
    for (Analyzer analyzer : analyzers) {
      if (wants(analyzer, path, size, mode)) {
        if (wanting.isEmpty()) {
          wanting = new ArrayList<>(2);
        }
        wanting.add(analyzer);
      }
    }
    return wanting;
  }

  private static boolean wants(Analyzer analyzer, String path, long size, int mode) {
    return analyzer.required(path, size) && (!analyzer.executablesOnly() || (mode & 0111) != 0);
  }

  private void analyze(
      LayerEntry entry,
      SiblingFiles siblings,
      List<Analyzer> wanting,
      List<AnalysisResult> results,
      List<String> warnings)
      throws IOException {
    InputStream content = entry.content();
    List<Analyzer> wanted = new ArrayList<>(wanting);
    if (wanted.stream().anyMatch(Analyzer::textOnly)) {
      // Binary content is no text analyzer's, whatever its size: first look, then judge sizes,
      // so that a large executable is passed over in silence, not reported as unread.
      PushbackInputStream peekable = new PushbackInputStream(content, SNIFF_BYTES);
      byte[] head = peekable.readNBytes(SNIFF_BYTES);
      peekable.unread(head);
      content = peekable;
      if (isBinary(head)) {
        wanted.removeIf(Analyzer::textOnly);
      }
    }
    for (Analyzer analyzer : List.copyOf(wanted)) {
      if (entry.size() > analyzer.maxFileSize()) {
        wanted.remove(analyzer);
        warnings.add(
            "/"
                + entry.path()
                + " ("
                + entry.size()
                + " bytes) is larger than the "
                + analyzer.maxFileSize()
                + " bytes the "
                + analyzer.type()
                + " analyzer reads; it was not analysed");
      }
    }
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
      keep(
          wanted.get(0).analyze(new AnalysisInput(entry.path(), entry.size(), content, siblings)),
          results);
      return;
    }
    if (entry.size() <= SHARED_IN_MEMORY) {
      byte[] bytes = content.readAllBytes();
      for (Analyzer analyzer : wanted) {
        keep(
            analyzer.analyze(
                new AnalysisInput(
                    entry.path(), entry.size(), new ByteArrayInputStream(bytes), siblings)),
            results);
      }
      return;
    }
    // A large file several analyzers want is read once into a temporary file, not into memory.
    Path spool = Files.createTempFile("portcullis-shared", ".spool");
    try {
      Files.copy(content, spool, StandardCopyOption.REPLACE_EXISTING);
      for (Analyzer analyzer : wanted) {
        try (InputStream copy = Files.newInputStream(spool)) {
          keep(
              analyzer.analyze(new AnalysisInput(entry.path(), entry.size(), copy, siblings)),
              results);
        }
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** Binary content, as git and Trivy tell it: a NUL byte among the first bytes. */
  private static boolean isBinary(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  /** Results that say nothing are not kept: an overwritten file's old results go by its path. */
  private static void keep(AnalysisResult result, List<AnalysisResult> results) {
    if (!result.isEmpty()) {
      results.add(result);
    }
  }
}
