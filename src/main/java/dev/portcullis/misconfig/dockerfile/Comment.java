package dev.portcullis.misconfig.dockerfile;

/** A comment line outside instructions, kept for inline suppressions. */
public record Comment(int line, String text) {}
