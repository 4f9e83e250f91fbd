package dev.portcullis.misconfig.dockerfile;

import java.time.LocalDate;

/**
 * A finding left out of the report, and what left it out: an inline {@code # portcullis ignore=} or
 * {@code # hadolint ignore=} comment, or an exception of the policy.
 *
 * @param by {@code inline} or {@code exception}
 * @param id the id the comment or exception named
 * @param owner the exception's owner; null for inline comments
 * @param expires the exception's last day; null for inline comments
 * @param origin where the comment or exception was written (file:line, or the policy entry)
 */
public record SuppressedFinding(
    LintFinding finding,
    String by,
    String id,
    String reason,
    String owner,
    LocalDate expires,
    String origin) {}
