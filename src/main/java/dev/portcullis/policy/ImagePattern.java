package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
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
  private final Pattern registry;
  private final Pattern repository;
  private final Pattern tag;

  private ImagePattern(String text, Pattern registry, Pattern repository, Pattern tag) {
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
    Pattern tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = glob(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    Pattern registry = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = glob(first);
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("image pattern '" + text + "' names no repository");
    }
    if (registry == null && !rest.contains("/") && !rest.equals("**")) {
      rest = "library/" + rest;
    }
    return new ImagePattern(text, registry, glob(rest), tag);
  }

  /**
   * Whether the image matches.
   *
   * @param trusted the registries (or registry/path prefixes of mirrors) a pattern without a
   *     registry accepts
   */
  public boolean matches(ImageReference image, List<String> trusted) {
    if (tag != null && (image.tag() == null || !tag.matcher(image.tag()).matches())) {
      return false;
    }
    String host = canonicalHost(image.registry());
    if (registry != null) {
      return registry.matcher(host).matches() && repository.matcher(image.repository()).matches();
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
      if (repository.matcher(remainder).matches()) {
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

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  @JsonValue
  @Override
  public String toString() {
    return text;
  }
}
