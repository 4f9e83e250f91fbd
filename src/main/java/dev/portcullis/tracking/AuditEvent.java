package dev.portcullis.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Who changed what, and when.
 *
 * @param actor the API token's name
 * @param action such as {@code exception.create}, {@code exception.expire}
 * @param subject what was changed: {@code exception/12}
 * @param detail the state before and after, and what else the change touched
 */
public record AuditEvent(
    long id, Instant occurredAt, String actor, String action, String subject, JsonNode detail) {}
