package dev.portcullis.access;

import dev.portcullis.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API tokens: 256 random bits, shown once when created; the store keeps only their SHA-256. A token
 * that random needs no slow hash: nobody can guess one from its hash by trying.
 */
public final class ApiTokens {

  /** Tokens start with this, so that secret scanners (ours among them) recognise them. */
  public static final String PREFIX = "pcs_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern TOKEN = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

  private final Store store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Creates a token that lasts until it is revoked.
   *
   * @return the token itself, which is not stored and cannot be shown again
   * @throws IllegalArgumentException for a bad name, no scope, or a name in use
   */
  public String create(String name, Set<Scope> scopes) {
    return create(name, scopes, null);
  }

  /**
   * Creates a token.
   *
   * @param expiresAt from then on the token is refused; null: until it is revoked
   * @return the token itself, which is not stored and cannot be shown again
   * @throws IllegalArgumentException for a bad name, no scope, a name in use, or an expiry that is
   *     not in the future
   */
  public String create(String name, Set<Scope> scopes, Instant expiresAt) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "token name '" + name + "': letters, digits, '.', '_' or '-', at most 128");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one scope: read, submit, admin");
    }
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw new IllegalArgumentException("a token's expiry must lie in the future");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    boolean created =
        store.inTransaction(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement("SELECT 1 FROM api_token WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                  if (rows.next()) {
                    return false;
                  }
                }
              }
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO api_token (name, token_hash, scopes, created_at, expires_at)"
                          + " VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, hash(token));
                insert.setString(
                    3, scopes.stream().map(Scope::label).sorted().collect(Collectors.joining(" ")));
                insert.setLong(4, clock.millis());
                insert.setObject(
                    5, expiresAt == null ? null : expiresAt.toEpochMilli(), Types.BIGINT);
                insert.executeUpdate();
              }
              return true;
            });
    if (!created) {
      throw new IllegalArgumentException("a token named '" + name + "' exists already");
    }
    return token;
  }

  /** The caller a presented token stands for; empty for an unknown, revoked or expired token. */
  public Optional<Caller> verify(String presented) {
    if (presented == null || !TOKEN.matcher(presented).matches()) {
      return Optional.empty();
    }
    String hash = hash(presented);
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT name, scopes FROM api_token WHERE token_hash = ? AND revoked_at IS NULL"
                      + " AND (expires_at IS NULL OR expires_at > ?)")) {
            select.setString(1, hash);
            select.setLong(2, clock.millis());
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              Set<Scope> scopes = EnumSet.noneOf(Scope.class);
              for (String scope : rows.getString(2).split(" ")) {
                scopes.add(Scope.parse(scope));
              }
              return Optional.of(new Caller(rows.getString(1), scopes));
            }
          }
        });
  }

  /** Revokes the named token; false if there is none. */
  public boolean revoke(String name) {
    return store.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            update.setLong(1, clock.millis());
            update.setString(2, name);
            return update.executeUpdate() == 1;
          }
        });
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
