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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /** Hard links to hard links followed, at most, to find a regular file (as for symlinks). */
  private static final int MAX_LINK_HOPS = 40;

  /** Hard links in one layer that are analysed, at most. */
  private static final int MAX_HARD_LINKS = 10_000;

  /** Packages that hard links in one layer repeat from their targets, at most. */
  private static final long MAX_LINKED_PACKAGES = 100_000;

  private final List<Analyzer> analyzers;
  private final Limits limits;

  LayerScanner(List<Analyzer> analyzers, Limits limits) {
    this.analyzers = analyzers;
    this.limits = limits;
  }

  /**
   * @param budget what the walks of this image may hold about their entries; charged for this one's
   */
  LayerAnalysis scan(ImageSource source, LayerRef layer, EntryBudget budget) throws IOException {
    String where = source.describe() + ", " + layer.describe();
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    List<FileNode> files = new ArrayList<>();
    List<AnalysisResult> results = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, LayerEntry> hardLinks = new LinkedHashMap<>();

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
            FileNode node =
                new FileNode(
                    entry.path(),
                    entry.type(),
                    entry.size(),
                    entry.mode(),
                    entry.linkTarget(),
                    layer.index());
            budget.charge(node, where);
            files.add(node);
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
   * second walk of the layer that reads only those targets, each once, whatever the number of links
   * to it. Chains of links are followed with a visited set; loops, and the bounds on links and on
   * what they copy, end in a warning, never a hang.
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
    Map<String, List<AnalysisResult>> found = new HashMap<>();
    results.forEach(r -> found.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r));
    LinkCopies copies = new LinkCopies();
    Map<String, Map<Analyzer, List<String>>> unread = new LinkedHashMap<>();
    Tally unresolved = new Tally();
    Tally lower = new Tally();
    long followed = 0;
    for (Map.Entry<String, LayerEntry> link : hardLinks.entrySet()) {
      String path = link.getKey();
      List<Analyzer> wanting = wanting(path, 0, link.getValue().mode());
      if (wanting.isEmpty()) {
        continue;
      }
      if (++followed > MAX_HARD_LINKS) {
        warnings.add(
            "more than "
                + MAX_HARD_LINKS
                + " hard links in this layer are wanted by an analyzer, the limit for one layer;"
                + " the rest were not analysed");
        break;
      }
      String targetPath = target(path, hardLinks);
      if (targetPath == null) {
        unresolved.add(
            "hard link /"
                + path
                + " is part of a loop of hard links, or of a chain longer than "
                + MAX_LINK_HOPS
                + "; it was not analysed");
        continue;
      }
      FileNode target = regularFiles.get(targetPath);
      if (target == null) {
        lower.add(
            "hard link /"
                + path
                + " points at /"
                + targetPath
                + " of a lower layer; it was not analysed");
        continue;
      }
      for (Analyzer analyzer : wanting) {
        if (wants(analyzer, target.path(), target.size(), target.mode())) {
          for (AnalysisResult r : found.getOrDefault(target.path(), List.of())) {
            if (r.analyzer().equals(analyzer.type())) {
              copies.add(r, path);
            }
          }
        } else {
          unread
              .computeIfAbsent(target.path(), t -> new LinkedHashMap<>())
              .computeIfAbsent(analyzer, a -> new ArrayList<>())
              .add(path);
        }
      }
    }
    unresolved.report(warnings);
    lower.report(warnings);
    if (!unread.isEmpty()) {
      source.walkLayer(
          layer,
          limits,
          entry -> {
            Map<Analyzer, List<String>> pending = unread.get(entry.path());
            if (pending != null && entry.type() == EntryType.FILE) {
              readForLinks(source, entry, pending, copies, warnings);
            }
          });
    }
    results.addAll(copies.results);
    copies.warning().ifPresent(warnings::add);
  }

  /**
   * Analyses a hard links' target once, as its first link, for the analyzers that want its links;
   * what each found is copied to the other links it wants.
   */
  private void readForLinks(
      ImageSource source,
      LayerEntry target,
      Map<Analyzer, List<String>> pending,
      LinkCopies copies,
      List<String> warnings)
      throws IOException {
    String first = pending.values().iterator().next().get(0);
    List<AnalysisResult> read = new ArrayList<>();
    analyze(
        new LayerEntry(
            first, EntryType.FILE, target.size(), target.mode(), null, target.content(), null),
        source.siblingsOf(first),
        List.copyOf(pending.keySet()),
        read,
        warnings);
    for (AnalysisResult result : read) {
      pending.forEach(
          (analyzer, links) -> {
            if (analyzer.type().equals(result.analyzer())) {
              links.forEach(link -> copies.add(result, link));
            }
          });
    }
  }

  /**
   * The regular file a hard link leads to, through links to links; null for a loop or a chain
   * longer than {@link #MAX_LINK_HOPS}.
   */
  private static String target(String link, Map<String, LayerEntry> hardLinks) {
    Set<String> visited = new HashSet<>();
    String current = link;
    for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      LayerEntry entry = hardLinks.get(current);
      if (entry == null) {
        return current;
      }
      if (!visited.add(current)) {
        return null;
      }
      current = entry.linkTarget();
    }
    return null;
  }

  /** What hard links copy from their targets, within the bound on packages. */
  private static final class LinkCopies {
    private final List<AnalysisResult> results = new ArrayList<>();
    private long packages;
    private boolean full;

    void add(AnalysisResult result, String link) {
      if (full) {
        return;
      }
      if (packages + result.packages().size() > MAX_LINKED_PACKAGES) {
        full = true;
        return;
      }
      packages += result.packages().size();
      results.add(result.path().equals(link) ? result : result.atPath(link));
    }

    Optional<String> warning() {
      return full
          ? Optional.of(
              "hard links in this layer would repeat more than "
                  + MAX_LINKED_PACKAGES
                  + " packages, the limit for one layer; the rest were not analysed")
          : Optional.empty();
    }
  }

  /** One warning for many alike: the first, and how many more there were. */
  private static final class Tally {
    private String first;
    private long more;

    void add(String warning) {
      if (first == null) {
        first = warning;
      } else {
        more++;
      }
    }

    void report(List<String> warnings) {
      if (first != null) {
        warnings.add(more == 0 ? first : first + " (nor were " + more + " more like it)");
      }
    }
  }

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
