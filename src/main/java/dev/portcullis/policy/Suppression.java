package dev.portcullis.policy;

import dev.portcullis.match.Finding;

/** A finding and the exception that names it: suppressing it, or, if expired, no longer. */
public record Suppression(Finding finding, VulnerabilityException exception) {}
