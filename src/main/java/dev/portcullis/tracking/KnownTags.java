package dev.portcullis.tracking;

import dev.portcullis.image.Digest;
import dev.portcullis.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Each tag's digest as the store last recorded it: what a poll of a watched repository compares the
 * registry's tags with, so that only a new or moved tag is scanned.
 */
public final class KnownTags {

  private final Store store;

  public KnownTags(Store store) {
    this.store = store;
  }

  /**
   * The tags of a repository and the digest each names.
   *
   * @param repository as the store names it: {@code registry/repository}
   * @throws dev.portcullis.store.StoreException when the store cannot be read
   */
  public Map<String, Digest> of(String repository) {
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT t.name, i.digest FROM tag t"
                      + " JOIN repository r ON r.id = t.repository_id"
                      + " JOIN image i ON i.id = t.image_id WHERE r.name = ?")) {
            select.setString(1, repository);
            Map<String, Digest> tags = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                tags.put(rows.getString(1), Digest.parse(rows.getString(2)));
              }
            }
            return tags;
          }
        });
  }
}
