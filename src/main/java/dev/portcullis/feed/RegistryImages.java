package dev.portcullis.feed;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.artifact.ImageInventory;
import dev.portcullis.artifact.LayerCache;
import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.attribution.BaseImageAttributor;
import dev.portcullis.attribution.BaseImageHints;
import dev.portcullis.attribution.RegistryBaseImages;
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
 * cache, so that a layer already analysed for another image is not pulled again. Its layers are
 * attributed to the base image by the image's own annotations, labels or history.
 */
final class RegistryImages {

  private final FeedSettings settings;
  private final LayerCache cache;

  /** The pushed image's base, as {@code scan image} tells it without flags. */
  private final BaseImageAttributor attributor;

  RegistryImages(FeedSettings settings) {
    this.settings = settings;
    this.cache = settings.layerCache() == null ? null : new LayerCache(settings.layerCache());
    SourceOptions options =
        new SourceOptions(
            Platform.linuxAmd64(),
            Limits.defaults(),
            null,
            false,
            settings.registryTimeouts(),
            false);
    this.attributor =
        new BaseImageAttributor(
            new RegistryBaseImages(options, settings::insecure), BaseImageHints.NONE);
  }

  /** The inventory of a pushed image, pulled by its digest (linux/amd64 from an index). */
  Inventory inventory(PushedImage image) throws IOException {
    ImageReference reference =
        new ImageReference(image.registry(), image.repository(), null, image.digest());
    Limits limits = Limits.defaults();
    try (ImageSource source =
        new RegistrySource(client(reference), Platform.linuxAmd64(), limits)) {
      return new ImageInventory(
              Analyzers.forImages(ArchiveLimits.defaults()),
              limits,
              cache,
              null,
              attributor::attribute)
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
