package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.portcullis.glob.Glob;
import dev.portcullis.registry.ImageReference;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An image pattern of a base-image tier: {@code [registry/]repository[:tag]}, where {@code *}
 * matches within one path segment and {@code **} across segments. A repository without a slash is
 * an official image ({@code alpine} is {@code library/alpine}); a pattern without a registry
 * matches on any registry its tier trusts.
 */
public final class ImagePattern {

  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._/*?:\\-]+");

  private final String text;
  private final Glob registry;
  private final Glob repository;
  private final Glob tag;

  private ImagePattern(String text, Glob registry, Glob repository, Glob tag) {
    this.text = text;
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
  }

  /** Parses a pattern; throws {@link IllegalArgumentException} saying what is wrong. */
  @JsonCreator
  public static ImagePattern parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an image pattern is empty");
    }
    if (!ALLOWED.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "image pattern '"
              + text
              + "': use lower-case [registry/]repository[:tag] with * and ? wildcards");
    }
    String rest = text;
    Glob tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Glob.simple(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    Glob registry = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = Glob.simple(first);
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("image pattern '" + text + "' names no repository");
    }
    if (registry == null && !rest.contains("/") && !rest.equals("**")) {
      rest = "library/" + rest;
    }
    return new ImagePattern(text, registry, Glob.simple(rest), tag);
  }

  /**
   * Whether the image matches.
   *
   * @param trusted the registries (or registry/path prefixes of mirrors) a pattern without a
   *     registry accepts
   */
  public boolean matches(ImageReference image, List<String> trusted) {
    if (tag != null && (image.tag() == null || !tag.matches(image.tag()))) {
      return false;
    }
    String host = canonicalHost(image.registry());
    if (registry != null) {
      return registry.matches(host) && repository.matches(image.repository());
    }
    String full = host + "/" + image.repository();
    for (String prefix : trusted) {
      String canonical = canonicalHost(prefix);
      if (!full.startsWith(canonical + "/")) {
        continue;
      }
      String remainder = full.substring(canonical.length() + 1);
      if (!remainder.contains("/")) {
        remainder = "library/" + remainder;
      }
      if (repository.matches(remainder)) {
        return true;
      }
    }
    return false;
  }

  /** Docker Hub goes by several names. */
  private static String canonicalHost(String registry) {
    return switch (registry) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" ->
          ImageReference.DOCKER_HUB;
      default -> registry;
    };
  }

  @JsonValue
  @Override
  public String toString() {
    return text;
  }
}
