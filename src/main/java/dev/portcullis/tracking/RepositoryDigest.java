package dev.portcullis.tracking;

/** A digest as one repository holds it, as pages link to it. */
public record RepositoryDigest(String repository, String digest) {}
