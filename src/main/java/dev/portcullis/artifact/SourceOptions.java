package dev.portcullis.artifact;

import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.registry.Credentials;
import dev.portcullis.registry.RegistryTimeouts;

/**
 * How to open an image source.
 *
 * @param credentials registry credentials given on the command line; null to use Docker's config
 * @param insecureRegistry talk plain HTTP to registries
 * @param registryTimeouts how long a registry may keep us waiting
 * @param offline refuse every source that needs the network
 */
public record SourceOptions(
    Platform platform,
    Limits limits,
    Credentials credentials,
    boolean insecureRegistry,
    RegistryTimeouts registryTimeouts,
    boolean offline) {}
