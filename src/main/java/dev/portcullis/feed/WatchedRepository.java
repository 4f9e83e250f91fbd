package dev.portcullis.feed;

import dev.portcullis.registry.ImageReference;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A repository whose tags the server polls, and which of them it follows.
 *
 * @param registry the registry host, with its port if it has one
 * @param repository the repository inside the registry
 */
public record WatchedRepository(String registry, String repository, TagFilter tags) {

  public WatchedRepository {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tags, "tags");
    if (!ImageReference.isRepositoryName(repository)) {
      throw new IllegalArgumentException("'" + repository + "' is not a repository name");
    }
  }

  /**
   * Reads {@code REGISTRY/REPO[:GLOB,...]}, as {@code --watch} takes it: {@code
   * registry.example/team/app:1.*,latest}, or without globs for every tag.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static WatchedRepository parse(String text) {
    int lastSlash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    String name = colon > lastSlash ? text.substring(0, colon) : text;
    List<String> globs =
        colon > lastSlash ? Arrays.asList(text.substring(colon + 1).split(",", -1)) : List.of();
    if (name.indexOf('/') < 0 || name.contains("@")) {
      throw new IllegalArgumentException(
          "'" + text + "': REGISTRY/REPO[:GLOB,...], e.g. registry.example/team/app:1.*,latest");
    }
    ImageReference reference = ImageReference.parse(name);
    return new WatchedRepository(
        reference.registry(),
        reference.repository(),
        globs.isEmpty() ? TagFilter.all() : TagFilter.globs(globs));
  }

  /** As the store names it: {@code registry/repository}. */
  public String storeName() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    return storeName();
  }
}
