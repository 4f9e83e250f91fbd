package dev.portcullis.baseimage;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.registry.RepositoryQueries;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registries themselves, through the same client as image pulls (token flow, Basic auth, rate
 * limits), each with its own credentials from {@code ~/.docker/config.json}. One client per
 * repository, and tags listed once per repository however many FROM lines name it.
 */
public final class LiveRegistryLookup implements RegistryLookup {

  private final boolean insecure;
  private final RegistryTimeouts timeouts;
  private final Map<String, RepositoryQueries> repositories = new HashMap<>();
  private final Map<String, List<String>> tags = new HashMap<>();

  /**
   * @param insecure plain HTTP
   */
  public LiveRegistryLookup(boolean insecure, RegistryTimeouts timeouts) {
    this.insecure = insecure;
    this.timeouts = timeouts;
  }

  @Override
  public List<String> tags(ImageReference image) throws IOException {
    String key = repositoryKey(image);
    List<String> known = tags.get(key);
    if (known == null) {
      known = List.copyOf(queries(image).tags());
      tags.put(key, known);
    }
    return known;
  }

  @Override
  public Digest digest(ImageReference image, String tagOrDigest) throws IOException {
    return queries(image).manifestDigest(tagOrDigest);
  }

  private RepositoryQueries queries(ImageReference image) throws IOException {
    String key = repositoryKey(image);
    RepositoryQueries queries = repositories.get(key);
    if (queries == null) {
      queries = new RepositoryQueries(RegistryClient.forImage(image, insecure, null, timeouts));
      repositories.put(key, queries);
    }
    return queries;
  }

  private static String repositoryKey(ImageReference image) {
    return image.registry() + "/" + image.repository();
  }
}
