package dev.portcullis.cli;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.artifact.ImageInventory;
import dev.portcullis.artifact.LayerCache;
import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.registry.Credentials;
import java.io.IOException;
import java.nio.file.Path;
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
    return new SourceOptions(parsedPlatform(), limits(), credentials, insecureRegistry, offline);
  }

  /** The inventory of an image, through the layer cache these options name. */
  Inventory imageInventory(ImageSource image) throws IOException {
    return new ImageInventory(Analyzers.forImages(), limits(), cache()).build(image);
  }

  /** The inventory of a project directory, lockfiles included. */
  Inventory projectInventory(ImageSource project) throws IOException {
    return new ImageInventory(Analyzers.forProjects(), limits(), cache()).build(project);
  }

  String effectivePassword() {
    return password != null ? password : System.getenv("PORTCULLIS_PASSWORD");
  }
}
