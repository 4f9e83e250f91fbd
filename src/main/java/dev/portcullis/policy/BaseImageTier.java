package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One tier of the base-image policy.
 *
 * @param images the images in the tier
 * @param registries registries, or path prefixes of mirrors, trusted for patterns that name none;
 *     Docker Hub when not given
 * @param suggest what to use instead, shown when a final stage uses this tier; may be null
 * @param reason why the tier exists, shown with its findings
 */
public record BaseImageTier(
    List<ImagePattern> images,
    List<String> registries,
    String suggest,
    @JsonProperty(required = true) String reason) {

  public BaseImageTier {
    images = images == null ? List.of() : List.copyOf(images);
    registries =
        registries == null || registries.isEmpty() ? List.of("docker.io") : List.copyOf(registries);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("every tier has a reason");
    }
    for (String registry : registries) {
      if (registry == null || registry.isBlank() || registry.contains("*")) {
        throw new IllegalArgumentException(
            "registry '" + registry + "': name a registry host or a mirror's host/path, no globs");
      }
    }
  }
}
