package dev.portcullis.misconfig.dockerfile;

/**
 * Something in the file a builder would reject or misread; reported as a finding of {@code ruleId}.
 */
public record ParseProblem(String ruleId, int line, String message) {}
