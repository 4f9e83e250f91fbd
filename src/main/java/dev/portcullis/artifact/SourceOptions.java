package dev.portcullis.artifact;

import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.registry.Credentials;

/**
 * How to open an image source.
 *
 * @param credentials registry credentials given on the command line; null to use Docker's config
 * @param insecureRegistry talk plain HTTP to registries
 * @param offline refuse every source that needs the network
 */
public record SourceOptions(
    Platform platform,
    Limits limits,
    Credentials credentials,
    boolean insecureRegistry,
    boolean offline) {}
