package dev.portcullis.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.image.Json;
import dev.portcullis.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail: every change an administrator makes, written in the change's transaction. */
public final class AuditLog {

  /** The detail column's size. */
  private static final int MAX_DETAIL = 4000;

  private final Store store;

  public AuditLog(Store store) {
    this.store = store;
  }

  static void write(
      Connection connection, long now, String actor, String action, String subject, JsonNode detail)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_event (occurred_at, actor, action, subject, detail)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setLong(1, now);
      insert.setString(2, actor);
      insert.setString(3, action);
      insert.setString(4, subject);
      String text = detail.toString();
      if (text.length() > MAX_DETAIL) {
        throw new IllegalStateException("an audit detail over " + MAX_DETAIL + " characters");
      }
      insert.setString(5, text);
      insert.executeUpdate();
    }
  }

  /** The events after {@code afterId}, oldest first, at most {@code limit}. */
  public List<AuditEvent> list(long afterId, int limit) {
    return select(" WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", afterId, limit);
  }

  /** The latest {@code limit} events, newest first. */
  public List<AuditEvent> latest(int limit) {
    return select(" WHERE id > ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY", 0, limit);
  }

  private List<AuditEvent> select(String where, long afterId, int limit) {
    ObjectMapper mapper = Json.mapper();
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, occurred_at, actor, action, subject, detail FROM audit_event"
                      + where)) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                events.add(
                    new AuditEvent(
                        rows.getLong(1),
                        Instant.ofEpochMilli(rows.getLong(2)),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        detail(mapper, rows.getString(6))));
              }
            }
            return events;
          }
        });
  }

  private static JsonNode detail(ObjectMapper mapper, String text) {
    if (text == null) {
      return null;
    }
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return mapper.getNodeFactory().textNode(text);
    }
  }
}
