package dev.portcullis.artifact;

import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.secret.SecretAnalyzer;
import dev.portcullis.image.FileIdentity;
import dev.portcullis.image.FileNode;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.InputException;
import dev.portcullis.image.LayerEntry.EntryType;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.LayeredFilesystem;
import dev.portcullis.image.Limits;
import dev.portcullis.image.LocalBlob;
import dev.portcullis.image.PathOverlay;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.inventory.Purls;
import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.inventory.SecretFinding.Visibility;
import dev.portcullis.secret.SecretMatch;
import dev.portcullis.secret.SecretRuleSet;
import dev.portcullis.secret.SecretScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * From an image source to its {@link Inventory}: each layer is analysed once (or taken from the
 * cache), then the layers are stacked and the surviving results become the package list.
 */
public final class ImageInventory {

  private final List<Analyzer> analyzers;
  private final Limits limits;
  private final LayerCache cache;
  private final ConfigSecrets configSecrets;

  /**
   * Masks the secrets in the history's Dockerfile instructions, which every report prints: the
   * scan's own rules when it looks for secrets, the built-in ones otherwise (an SBOM).
   */
  private final SecretScanner historyMasker;

  /** Tells which layers came with the base image; null not to. */
  private final Function<ResolvedImage, Attribution> attribution;

  /**
   * @param cache where layer analyses are kept; null for none
   */
  public ImageInventory(List<Analyzer> analyzers, Limits limits, LayerCache cache) {
    this(analyzers, limits, cache, null);
  }

  /**
   * @param secrets looks for secrets in every layer's files and in the image config, on the same
   *     walk as the analyzers; null not to look
   */
  public ImageInventory(
      List<Analyzer> analyzers, Limits limits, LayerCache cache, SecretScanner secrets) {
    this(analyzers, limits, cache, secrets, null);
  }

  /**
   * @param attribution tells which layers came with the base image (and never throws for a base it
   *     cannot read; answers null for an image without layers to tell apart); null not to ask
   */
  public ImageInventory(
      List<Analyzer> analyzers,
      Limits limits,
      LayerCache cache,
      SecretScanner secrets,
      Function<ResolvedImage, Attribution> attribution) {
    this.attribution = attribution;
    List<Analyzer> all = new ArrayList<>(analyzers);
    if (secrets != null) {
      all.add(new SecretAnalyzer(secrets));
    }
    this.analyzers = List.copyOf(all);
    this.limits = limits;
    this.cache = cache;
    this.configSecrets = secrets == null ? null : new ConfigSecrets(secrets);
    this.historyMasker = secrets != null ? secrets : new SecretScanner(SecretRuleSet.builtin());
  }

  public Inventory build(ImageSource source) throws IOException {
    ResolvedImage image = source.resolve();
    LayerScanner scanner = new LayerScanner(analyzers, limits);
    EntryBudget budget = new EntryBudget(limits);
    List<LayerAnalysis> analyses = new ArrayList<>();
    for (LayerRef layer : image.layers()) {
      analyses.add(analyse(source, scanner, layer, budget));
    }
    Inventory inventory = merge(image, analyses);
    Attribution found = attribution == null ? null : attribution.apply(image);
    return found == null ? inventory : attributed(inventory, found);
  }

  /**
   * A base the image or the user named but that could not be followed is also a warning: the reader
   * expected an answer. A history that shows no base is only said in the attribution.
   */
  private static Inventory attributed(Inventory inventory, Attribution found) {
    Inventory with = inventory.withAttribution(found);
    if (!found.isKnown() && found.method() != null && !found.isGuess()) {
      with = with.withWarning("base image unknown: " + found.unknownReason());
    }
    return with;
  }

  private LayerAnalysis analyse(
      ImageSource source, LayerScanner scanner, LayerRef layer, EntryBudget budget)
      throws IOException {
    if (cache == null || layer.diffId() == null) {
      return scanner.scan(source, layer, budget);
    }
    String key =
        LayerCache.key(layer.diffId().toString(), analyzers, limits.maxAnalyzedFileBytes());
    // Read before any byte of the blob is hashed, so that a record made from it below describes
    // the file as it was when hashed, or an older state, never a newer one.
    Optional<LocalBlob> blob = source.localBlob(layer);
    Optional<FileIdentity> identity =
        blob.isPresent() ? blob.get().fileIdentity() : Optional.empty();
    Optional<LayerAnalysis> cached = cache.get(key);
    if (cached.isPresent()) {
      if (blob.isPresent() && !isVerified(identity, blob.get(), layer)) {
        // The analysis is known by diffID; what is left to prove is that this blob is that layer.
        source.verifyLayer(layer, limits);
        recordVerified(identity, blob.get(), layer);
      }
      String where = source.describe() + ", " + layer.describe();
      for (FileNode node : cached.get().files()) {
        budget.charge(node, where);
      }
      return cached.get().atLayer(layer.index());
    }
    LayerAnalysis analysis = scanner.scan(source, layer, budget);
    cache.put(key, analysis);
    if (blob.isPresent()) {
      recordVerified(identity, blob.get(), layer);
    }
    return analysis;
  }

  private boolean isVerified(Optional<FileIdentity> identity, LocalBlob blob, LayerRef layer) {
    return identity.isPresent() && cache.isVerified(identity.get(), blob, layer);
  }

  private void recordVerified(Optional<FileIdentity> identity, LocalBlob blob, LayerRef layer)
      throws IOException {
    if (identity.isPresent()) {
      cache.recordVerified(identity.get(), blob, layer);
    }
  }

  private Inventory merge(ResolvedImage image, List<LayerAnalysis> analyses) throws InputException {
    LayeredFilesystem filesystem = new LayeredFilesystem();
    PathOverlay<List<AnalysisResult>> results = new PathOverlay<>();
    List<String> warnings = new ArrayList<>();
    for (LayerAnalysis analysis : analyses) {
      filesystem.applyLayer(analysis.opaqueDirectories(), analysis.whiteouts(), analysis.files());
      analysis.opaqueDirectories().forEach(results::clearBelow);
      analysis.whiteouts().forEach(results::whiteout);
      // A file an upper layer writes replaces whatever was at its path, found things included,
      // whether or not anything is found in the new content.
      analysis.files().stream()
          .filter(f -> f.type() != EntryType.DIRECTORY)
          .forEach(f -> results.whiteout(f.path()));
      Map<String, List<AnalysisResult>> byPath = new HashMap<>();
      analysis
          .results()
          .forEach(r -> byPath.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r));
      byPath.forEach(results::put);
      warnings.addAll(analysis.warnings());
    }
    List<AnalysisResult> surviving = results.values().stream().flatMap(List::stream).toList();
    surviving.forEach(r -> warnings.addAll(r.warnings()));

    OsRelease os = detectOs(filesystem, results);
    List<LayerInfo> layers = layerInfos(image);
    List<Package> packages = packages(surviving, analyses, layers, os);
    ImageInfo info =
        new ImageInfo(
            image.name(),
            image.manifestDigest() == null ? null : image.manifestDigest().toString(),
            image.configDigest() == null ? null : image.configDigest().toString(),
            image.repoTags(),
            image.config().os(),
            image.config().architecture());
    return new Inventory(
        info, os, layers, packages, warnings, secrets(image, analyses, filesystem));
  }

  /**
   * Secrets of every layer, also those in files a later layer deleted or replaced (the layer still
   * ships them), then those of the image config.
   */
  private List<SecretFinding> secrets(
      ResolvedImage image, List<LayerAnalysis> analyses, LayeredFilesystem filesystem) {
    if (configSecrets == null) {
      return List.of();
    }
    List<SecretFinding> found = new ArrayList<>();
    List<LayerInfo> layers = layerInfos(image);
    for (int i = 0; i < analyses.size(); i++) {
      LayerInfo layer = layers.get(i);
      for (AnalysisResult result : analyses.get(i).results()) {
        Visibility visibility = visibility(filesystem, result.path(), layer.index());
        for (SecretMatch match : result.secrets()) {
          found.add(
              new SecretFinding(
                  match, "/" + result.path(), layer.diffId() == null ? null : layer, visibility));
        }
      }
    }
    found.addAll(configSecrets.scan(image.config()));
    return found;
  }

  private static Visibility visibility(LayeredFilesystem filesystem, String path, int layer) {
    Optional<FileNode> now = filesystem.lookup(path);
    if (now.isEmpty()) {
      return Visibility.DELETED;
    }
    return now.get().layer() == layer ? Visibility.LIVE : Visibility.OVERWRITTEN;
  }

  /**
   * The most authoritative release file present, read through symlinks (etc/os-release usually is
   * one).
   */
  private static OsRelease detectOs(
      LayeredFilesystem filesystem, PathOverlay<List<AnalysisResult>> results)
      throws InputException {
    OsRelease found = null;
    for (String path : OsReleaseAnalyzer.PRIORITY) {
      if (filesystem.lookup(path).isEmpty()) {
        continue;
      }
      OsRelease os = osAt(results, filesystem.resolve(path));
      if (os != null && found == null) {
        found = os;
      } else if (os != null && found.version().isEmpty() && found.family().equals(os.family())) {
        // Debian testing and sid leave VERSION_ID out; debian_version still names the release.
        found = new OsRelease(found.family(), os.version(), found.prettyName(), found.foundIn());
      }
    }
    return found;
  }

  private static OsRelease osAt(PathOverlay<List<AnalysisResult>> results, String path) {
    List<AnalysisResult> atPath = results.get(path);
    return atPath == null
        ? null
        : atPath.stream().map(AnalysisResult::os).filter(o -> o != null).findFirst().orElse(null);
  }

  private static List<Package> packages(
      List<AnalysisResult> surviving,
      List<LayerAnalysis> analyses,
      List<LayerInfo> layers,
      OsRelease os) {
    Map<String, List<String>> filesByPackage = new HashMap<>();
    surviving.forEach(
        r ->
            r.packageFiles()
                .forEach(
                    (name, files) ->
                        filesByPackage
                            .computeIfAbsent(name, n -> new ArrayList<>())
                            .addAll(files)));
    List<Set<String>> installedPerLayer =
        analyses.stream()
            .map(
                a ->
                    a.results().stream()
                        .flatMap(r -> r.packages().stream())
                        .map(Package::installedKey)
                        .collect(Collectors.toSet()))
            .toList();
    List<Package> packages = new ArrayList<>();
    for (AnalysisResult result : surviving) {
      for (Package pkg : result.packages()) {
        Package withFiles =
            pkg.files().isEmpty() && filesByPackage.containsKey(pkg.name())
                ? pkg.withFiles(filesByPackage.get(pkg.name()))
                : pkg;
        packages.add(
            withFiles.withOrigin(originLayer(pkg, installedPerLayer, layers), Purls.of(pkg, os)));
      }
    }
    packages.sort(
        Comparator.comparing(Package::name)
            .thenComparing(Package::version)
            .thenComparing(p -> p.arch() == null ? "" : p.arch()));
    return OsOwnership.mark(packages);
  }

  /**
   * The lowest layer whose package database already lists this exact version: the layer that
   * installed or upgraded it, not the last one to rewrite the database.
   */
  private static LayerInfo originLayer(
      Package pkg, List<Set<String>> installedPerLayer, List<LayerInfo> layers) {
    String key = pkg.installedKey();
    for (int i = 0; i < installedPerLayer.size(); i++) {
      if (installedPerLayer.get(i).contains(key)) {
        return layers.get(i);
      }
    }
    return null;
  }

  /**
   * The layers as reports show them, with the secrets in the history's Dockerfile instructions
   * masked, whether or not secrets are looked for: a build argument such as {@code NPM_TOKEN} is
   * recorded there in clear, and must not be printed beside every package or finding of its layer.
   */
  private List<LayerInfo> layerInfos(ResolvedImage image) {
    return image.layers().stream()
        .map(ImageInventory::layerInfo)
        .map(
            l ->
                l.createdBy() == null
                    ? l
                    : new LayerInfo(
                        l.index(), l.diffId(), l.digest(), historyMasker.mask(l.createdBy())))
        .toList();
  }

  private static LayerInfo layerInfo(LayerRef layer) {
    return new LayerInfo(
        layer.index(),
        layer.diffId() == null ? null : layer.diffId().toString(),
        layer.blobDigest() == null ? null : layer.blobDigest().toString(),
        layer.createdBy());
  }
}
