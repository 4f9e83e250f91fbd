package dev.portcullis.feed;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.artifact.ImageInventory;
import dev.portcullis.artifact.LayerCache;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RegistrySource;
import dev.portcullis.registry.RepositoryQueries;
import java.io.IOException;

/**
 * The server's way into registries, made as {@code portcullis sbom image registry:…} makes it: the
 * Docker config's credentials, plain HTTP only for the registries configured so, and the layer
 * cache, so that a layer already analysed for another image is not pulled again.
 */
final class RegistryImages {

  private final FeedSettings settings;
  private final LayerCache cache;

  RegistryImages(FeedSettings settings) {
    this.settings = settings;
    this.cache = settings.layerCache() == null ? null : new LayerCache(settings.layerCache());
  }

  /** The inventory of a pushed image, pulled by its digest (linux/amd64 from an index). */
  Inventory inventory(PushedImage image) throws IOException {
    ImageReference reference =
        new ImageReference(image.registry(), image.repository(), null, image.digest());
    Limits limits = Limits.defaults();
    try (ImageSource source =
        new RegistrySource(client(reference), Platform.linuxAmd64(), limits)) {
      return new ImageInventory(Analyzers.forImages(ArchiveLimits.defaults()), limits, cache, null)
          .build(source);
    }
  }

  /** The tag queries of a watched repository. */
  RepositoryQueries queries(WatchedRepository watched) throws IOException {
    return new RepositoryQueries(
        client(new ImageReference(watched.registry(), watched.repository(), null, null)));
  }

  private RegistryClient client(ImageReference reference) throws IOException {
    return RegistryClient.forImage(
        reference, settings.insecure(reference.registry()), null, settings.registryTimeouts());
  }
}
