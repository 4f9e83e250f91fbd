package dev.portcullis.tracking;

import java.time.Instant;

/**
 * A server exception as the API shows it.
 *
 * @param repository null: every repository
 * @param packageName null: every package
 * @param revokedAt when an administrator ended it before its expiry; null if none did
 * @param state {@code active} until it expires or is ended, then {@code expired}
 */
public record ExceptionView(
    long id,
    String vulnerabilityId,
    String repository,
    String packageName,
    String owner,
    String reason,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant revokedAt,
    String state) {}
