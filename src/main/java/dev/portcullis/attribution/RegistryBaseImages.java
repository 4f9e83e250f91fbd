package dev.portcullis.attribution;

import dev.portcullis.artifact.SourceOptions;
import dev.portcullis.image.InputException;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RegistrySource;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Base images read from their registries with the client {@code scan image registry:…} pulls with:
 * the scan's platform, limits, timeouts and {@code --insecure-registry}, and the Docker config's
 * credentials for the base's registry (the scan's own {@code --username} is for its image).
 */
public final class RegistryBaseImages implements BaseImages {

  private final SourceOptions options;
  private final Predicate<String> insecure;

  public RegistryBaseImages(SourceOptions options) {
    this(options, registry -> options.insecureRegistry());
  }

  /**
   * @param insecure whether a registry ({@code host:port}) is spoken to in plain HTTP, for callers
   *     that configure that per registry (the server); the options' own flag is not read
   */
  public RegistryBaseImages(SourceOptions options, Predicate<String> insecure) {
    this.options = options;
    this.insecure = insecure;
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws IOException {
    if (options.offline()) {
      throw new InputException("reading " + image + " needs its registry, which --offline forbids");
    }
    RegistryClient client =
        RegistryClient.forImage(
            image, insecure.test(image.registry()), null, options.registryTimeouts());
    try (RegistrySource source = new RegistrySource(client, options.platform(), options.limits())) {
      return source.resolve();
    }
  }
}
