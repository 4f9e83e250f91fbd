package dev.portcullis.misconfig.dockerfile;

/**
 * An instruction flag such as {@code --platform=linux/amd64} or {@code --link}.
 *
 * @param name the name without the dashes, lower case
 * @param value the value after {@code =}, or null for a flag without one
 */
public record Flag(String name, String value) {}
