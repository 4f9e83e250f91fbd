package dev.portcullis.baseimage.change;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of forge Portcullis can open requests on. */
public enum ForgeKind {
  GITHUB("GitHub", Set.of("github.com", "www.github.com", "ssh.github.com")),
  GITLAB("GitLab", Set.of("gitlab.com", "www.gitlab.com", "altssh.gitlab.com"));

  private final String displayName;
  private final Set<String> publicHosts;

  ForgeKind(String displayName, Set<String> publicHosts) {
    this.displayName = displayName;
    this.publicHosts = publicHosts;
  }

  public String displayName() {
    return displayName;
  }

  /** The kind of github.com or gitlab.com; any other host could be either. */
  static Optional<ForgeKind> ofPublicHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    for (ForgeKind kind : values()) {
      if (kind.publicHosts.contains(lower)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  boolean isPublicHost(String host) {
    return publicHosts.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The API of this kind of forge served from {@code web} (https://HOST[:PORT]). */
  URI apiOf(URI web) {
    if (isPublicHost(web.getHost())) {
      return this == GITHUB ? GitHub.PUBLIC_API : GitLab.PUBLIC_API;
    }
    return URI.create(web + (this == GITHUB ? "/api/v3" : "/api/v4"));
  }

  /** A forge of this kind for {@code repository} (GitHub's owner/name, GitLab's path). */
  public Forge forge(URI api, String repository, String token) throws ForgeException {
    return this == GITHUB ? new GitHub(api, repository, token) : new GitLab(api, repository, token);
  }
}
