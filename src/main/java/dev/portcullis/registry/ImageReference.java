package dev.portcullis.registry;

import dev.portcullis.image.Digest;
import java.util.regex.Pattern;

/**
 * A registry image reference such as {@code ghcr.io/org/app:1.2@sha256:…}, with Docker Hub's
 * defaults filled in ({@code node} is {@code docker.io/library/node:latest}).
 *
 * @param tag the tag, or null when only a digest was given
 * @param digest the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** Parses a reference; throws {@link IllegalArgumentException} saying what is wrong. */
  public static ImageReference parse(String text) {
    String rest = text;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!isTag(tag)) {
        throw new IllegalArgumentException("'" + text + "': '" + tag + "' is not a valid tag");
      }
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        repository = rest.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (!isRepositoryName(repository)) {
      throw new IllegalArgumentException(
          "'" + text + "': '" + repository + "' is not a valid repository name");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /** Whether a repository name (without registry) follows the distribution spec's grammar. */
  public static boolean isRepositoryName(String name) {
    return name != null && REPOSITORY.matcher(name).matches();
  }

  /** Whether a tag follows the distribution spec's grammar. */
  public static boolean isTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /** The host the API lives on; Docker Hub's differs from its name. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** The tag or digest to ask the manifest endpoint for; the digest wins. */
  public String manifestReference() {
    return digest != null ? digest.toString() : tag;
  }

  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + (tag != null ? ":" + tag : "")
        + (digest != null ? "@" + digest : "");
  }
}
