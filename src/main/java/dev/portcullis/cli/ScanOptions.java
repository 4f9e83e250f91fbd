package dev.portcullis.cli;

import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.artifact.ImageInventory;
import dev.portcullis.artifact.LayerCache;
import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.attribution.BaseImageAttributor;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.registry.Credentials;
import dev.portcullis.secret.SecretScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that reads an image shares. */
final class ScanOptions {

  @Option(names = "--debug", description = "Print stack traces with errors.")
  boolean debug;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Layer cache directory (default: $XDG_CACHE_HOME/portcullis or ~/.cache/portcullis).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the layer cache.")
  boolean noCache;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from a multi-platform image (default: ${DEFAULT-VALUE}).",
      defaultValue = "linux/amd64")
  String platform;

  @Option(
      names = "--insecure-registry",
      description = "Talk plain HTTP to the registry (for local test registries).")
  boolean insecureRegistry;

  @Mixin RegistryTimeoutOptions registryTimeouts;

  @Option(
      names = "--offline",
      description = "Never touch the network: registry images are refused.")
  boolean offline;

  @Option(
      names = "--username",
      description = "Registry user name (else from ~/.docker/config.json).")
  String username;

  @Option(
      names = "--password",
      description = "Registry password; prefer the PORTCULLIS_PASSWORD environment variable.")
  String password;

  @Option(
      names = "--max-layer-size",
      paramLabel = "BYTES",
      description = "Largest uncompressed layer accepted (default: 32 GiB).")
  Long maxLayerSize;

  @Option(
      names = "--max-archive-depth",
      paramLabel = "N",
      description = "Java archives nested deeper than this are not read (default: 5).")
  Integer maxArchiveDepth;

  @Option(
      names = "--max-archive-entries",
      paramLabel = "N",
      description = "Entries read from one Java archive (default: 200000).")
  Integer maxArchiveEntries;

  @Option(
      names = "--max-archive-size",
      paramLabel = "BYTES",
      description =
          "What one Java archive and everything nested in it may inflate to (default: 4 GiB).")
  Long maxArchiveSize;

  @Option(
      names = "--max-archive-packages",
      paramLabel = "N",
      description =
          "Packages (pom.properties) read from one Java archive and everything nested in it"
              + " (default: 10000).")
  Integer maxArchivePackages;

  LayerCache cache() {
    return noCache
        ? null
        : new LayerCache(cacheDir != null ? cacheDir : LayerCache.defaultDirectory());
  }

  Limits limits() {
    Limits defaults = Limits.defaults();
    return maxLayerSize == null ? defaults : defaults.withMaxLayerBytes(maxLayerSize);
  }

  Platform parsedPlatform() {
    try {
      return Platform.parse(platform);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** How to open image sources, from these options. */
  SourceOptions sourceOptions() {
    Credentials credentials =
        username == null ? null : new Credentials(username, effectivePassword());
    return new SourceOptions(
        parsedPlatform(),
        limits(),
        credentials,
        insecureRegistry,
        registryTimeouts.timeouts(),
        offline);
  }

  ArchiveLimits archiveLimits() {
    ArchiveLimits defaults = ArchiveLimits.defaults();
    ArchiveLimits limits =
        new ArchiveLimits(
            maxArchiveDepth != null ? maxArchiveDepth : defaults.maxDepth(),
            maxArchiveEntries != null ? maxArchiveEntries : defaults.maxEntries(),
            maxArchiveSize != null ? maxArchiveSize : defaults.maxInflatedBytes(),
            maxArchivePackages != null ? maxArchivePackages : defaults.maxPackages());
    if (limits.maxDepth() < 0
        || limits.maxEntries() < 1
        || limits.maxInflatedBytes() < 1
        || limits.maxPackages() < 1) {
      throw new UsageException(
          "--max-archive-depth must be 0 or more, --max-archive-entries, --max-archive-size and"
              + " --max-archive-packages 1 or more");
    }
    return limits;
  }

  /** The inventory of an image, through the layer cache these options name. */
  Inventory imageInventory(ImageSource image) throws IOException {
    return imageInventory(image, true, null, null);
  }

  /**
   * @param packages whether to look for packages (else the operating system only)
   * @param secrets looks for secrets on the same walk; null not to
   */
  Inventory imageInventory(ImageSource image, boolean packages, SecretScanner secrets)
      throws IOException {
    return imageInventory(image, packages, secrets, null);
  }

  /**
   * @param attribution which layers came with the base image; null not to ask
   */
  Inventory imageInventory(
      ImageSource image, boolean packages, SecretScanner secrets, AttributionOptions attribution)
      throws IOException {
    List<Analyzer> analyzers =
        packages ? Analyzers.forImages(archiveLimits()) : List.of(new OsReleaseAnalyzer());
    BaseImageAttributor attributor =
        attribution == null ? null : attribution.attributor(sourceOptions());
    return new ImageInventory(
            analyzers,
            limits(),
            cache(),
            secrets,
            attributor == null ? null : attributor::attribute)
        .build(image);
  }

  /** The inventory of a project directory, lockfiles included. */
  Inventory projectInventory(ImageSource project) throws IOException {
    return projectInventory(project, true, null);
  }

  Inventory projectInventory(ImageSource project, boolean packages, SecretScanner secrets)
      throws IOException {
    List<Analyzer> analyzers =
        packages ? Analyzers.forProjects(archiveLimits()) : List.of(new OsReleaseAnalyzer());
    return new ImageInventory(analyzers, limits(), cache(), secrets).build(project);
  }

  String effectivePassword() {
    return password != null ? password : System.getenv("PORTCULLIS_PASSWORD");
  }
}
