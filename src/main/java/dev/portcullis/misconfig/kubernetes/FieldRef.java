package dev.portcullis.misconfig.kubernetes;

/**
 * A field of an object: its path as kubectl explains it ({@code
 * spec.template.spec.containers[0].securityContext.privileged}) and its line.
 */
public record FieldRef(String path, int line) {}
