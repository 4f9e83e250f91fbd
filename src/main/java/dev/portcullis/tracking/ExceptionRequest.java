package dev.portcullis.tracking;

/**
 * An exception as an administrator asks for it, before it is checked.
 *
 * @param vulnerabilityId the id or any alias of the vulnerability
 * @param repository the repository it applies to; null for every repository
 * @param packageName the package it applies to; null for every package
 * @param expires a date ({@code 2027-03-31}: until the end of that day, UTC, as in the policy file)
 *     or a time with its offset ({@code 2027-03-31T12:00:00Z})
 */
public record ExceptionRequest(
    String vulnerabilityId,
    String repository,
    String packageName,
    String owner,
    String reason,
    String expires) {}
