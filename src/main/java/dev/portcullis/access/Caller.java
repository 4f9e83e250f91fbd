package dev.portcullis.access;

import java.util.Set;

/**
 * Who made a request: the token's name and scopes.
 *
 * @param name the token's name, as the audit log records it; {@code anonymous} for no token
 */
public record Caller(String name, Set<Scope> scopes) {

  public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

  public Caller {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the caller may do what the scope allows. */
  public boolean may(Scope scope) {
    return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
  }
}
