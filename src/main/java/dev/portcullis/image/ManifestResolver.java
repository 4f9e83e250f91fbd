package dev.portcullis.image;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Walks from a manifest or index to one image: picks the platform from an index, reads the config,
 * and lines the manifest's layers up with the config's diffIDs. Shared by every source that stores
 * OCI/Docker manifests (layout directories, archives, registries).
 */
public final class ManifestResolver {

  /**
   * Fetches a manifest or config by descriptor; what it returns has been checked against the
   * digest.
   */
  @FunctionalInterface
  public interface ContentFetcher {
    byte[] fetch(Descriptor descriptor, String what) throws IOException;
  }

  private final String name;
  private final Platform platform;
  private final ContentFetcher fetcher;

  public ManifestResolver(String name, Platform platform, ContentFetcher fetcher) {
    this.name = name;
    this.platform = platform;
    this.fetcher = fetcher;
  }

  /** Resolves from the bytes of a top-level manifest or index whose digest is already known. */
  public ResolvedImage resolve(byte[] topBytes, Digest topDigest, List<String> repoTags)
      throws IOException {
    ManifestDocument document = Json.parse(topBytes, ManifestDocument.class, name + " manifest");
    if (MediaTypes.isSchema1(document.mediaType()) || document.schemaVersion() == 1) {
      throw new InputException(
          name
              + ": Docker schema 1 manifests are not supported; push the image again with a current client");
    }
    Digest manifestDigest = topDigest;
    Map<String, String> indexAnnotations = Map.of();
    if (document.isIndex()) {
      indexAnnotations = document.annotations();
      Descriptor chosen = choosePlatform(document.manifests());
      manifestDigest = chosen.parsedDigest(name + " index");
      byte[] manifestBytes = fetcher.fetch(chosen, name + " manifest for " + platform);
      document =
          Json.parse(manifestBytes, ManifestDocument.class, name + " manifest for " + platform);
      if (document.isIndex()) {
        throw new InputException(name + ": an index that points at another index is not supported");
      }
    }
    return fromManifest(document, manifestDigest, repoTags, indexAnnotations);
  }

  /** Picks the index entry for the wanted platform; names the offered ones when none fits. */
  public Descriptor choosePlatform(List<Descriptor> manifests) throws InputException {
    List<Descriptor> images =
        manifests.stream()
            .filter(d -> d.platform() != null && !"unknown".equals(d.platform().os()))
            .toList();
    for (Descriptor candidate : images) {
      if (platform.accepts(candidate.platform())) {
        return candidate;
      }
    }
    String offered =
        images.stream()
            .map(d -> d.platform().toString())
            .distinct()
            .collect(Collectors.joining(", "));
    throw new InputException(
        name
            + ": no image for platform "
            + platform
            + " (offered: "
            + (offered.isEmpty() ? "none" : offered)
            + "); choose one with --platform");
  }

  /**
   * @param indexAnnotations the index's, for builders that annotate only the index (BuildKit's
   *     {@code annotation-index.*}); the manifest's own win
   */
  private ResolvedImage fromManifest(
      ManifestDocument manifest,
      Digest manifestDigest,
      List<String> repoTags,
      Map<String, String> indexAnnotations)
      throws IOException {
    if (manifest.config() == null || manifest.layers() == null) {
      throw new InputException(name + ": manifest has no config or no layers");
    }
    Digest configDigest = manifest.config().parsedDigest(name + " manifest config");
    byte[] configBytes = fetcher.fetch(manifest.config(), name + " config " + configDigest);
    ImageConfig config = Json.parse(configBytes, ImageConfig.class, name + " config");
    List<Digest> diffIds = diffIds(config, manifest.layers().size(), name + ": manifest");
    List<String> commands = config.layerCommands(diffIds.size());
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      Descriptor layer = manifest.layers().get(i);
      Digest blob = layer.parsedDigest(name + " layer " + i);
      layers.add(
          new LayerRef(i, diffIds.get(i), blob, layer.size(), blob.toString(), commands.get(i)));
    }
    Map<String, String> annotations = new HashMap<>(indexAnnotations);
    annotations.putAll(manifest.annotations());
    return new ResolvedImage(
        name, manifestDigest, configDigest, repoTags, config, layers, annotations);
  }

  /** The config's diffIDs, which must be one per layer the manifest lists. */
  static List<Digest> diffIds(ImageConfig config, int layerCount, String manifestName)
      throws InputException {
    List<Digest> diffIds;
    try {
      diffIds = config.diffIds();
    } catch (IllegalArgumentException e) {
      throw new InputException(manifestName + " config: " + e.getMessage());
    }
    if (diffIds.size() != layerCount) {
      throw new InputException(
          manifestName
              + " lists "
              + layerCount
              + " layers but the config has "
              + diffIds.size()
              + " diff_ids; the image is inconsistent");
    }
    return diffIds;
  }

  /** Checks bytes read whole against their digest. */
  public static byte[] verified(byte[] bytes, Digest expected, String what)
      throws DigestMismatchException {
    MessageDigest hasher = expected.newHasher();
    byte[] actual = hasher.digest(bytes);
    if (!expected.matches(actual)) {
      throw new DigestMismatchException(what, expected, Digest.sha256(actual));
    }
    return bytes;
  }
}
