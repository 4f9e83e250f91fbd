package dev.portcullis.baseimage.change;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository on a forge, as a git remote URL names it: which kind of forge, where its web site is
 * ({@code https://HOST[:PORT]}) and the repository's path there ({@code org/app}, {@code
 * group/sub/app}).
 */
public record ForgeRepository(ForgeKind kind, URI web, String path) {

  private static final Pattern URL_FORM = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*)://.*");
  // scp-like syntax: [user@]host:path, with no slash before the colon.
  private static final Pattern SCP_FORM = Pattern.compile("^(?:[^@/:]+@)?([^@/:]+):(.+)$");

  /**
   * The repository a remote URL on github.com or gitlab.com names ({@code
   * git@github.com:org/app.git}, {@code https://gitlab.com/group/sub/app.git}).
   *
   * @throws ForgeException for any other host, whose kind the caller must give
   */
  public static ForgeRepository fromRemoteUrl(String remoteUrl) throws ForgeException {
    HostAndPath parsed = HostAndPath.parse(remoteUrl);
    ForgeKind kind =
        ForgeKind.ofPublicHost(parsed.web().getHost())
            .orElseThrow(
                () ->
                    new ForgeException(
                        "cannot tell whether "
                            + parsed.web().getHost()
                            + " is a GitHub or a GitLab server; say which forge it is"));
    return of(kind, parsed);
  }

  /** The repository a remote URL names on a forge of the given kind (self-hosted, say). */
  public static ForgeRepository fromRemoteUrl(String remoteUrl, ForgeKind kind)
      throws ForgeException {
    HostAndPath parsed = HostAndPath.parse(remoteUrl);
    Optional<ForgeKind> known = ForgeKind.ofPublicHost(parsed.web().getHost());
    if (known.isPresent() && known.get() != kind) {
      throw new ForgeException(
          parsed.web().getHost()
              + " is "
              + known.get().displayName()
              + ", not "
              + kind.displayName()
              + "; check the forge you named and the remote URL");
    }
    return of(kind, parsed);
  }

  private static ForgeRepository of(ForgeKind kind, HostAndPath parsed) throws ForgeException {
    int segments = parsed.path().split("/").length;
    if (kind == ForgeKind.GITHUB && segments != 2) {
      throw new ForgeException(
          "the remote " + parsed.redacted() + " does not name a GitHub repository as owner/name");
    }
    if (kind == ForgeKind.GITLAB && segments < 2) {
      throw new ForgeException(
          "the remote " + parsed.redacted() + " does not name a GitLab project as group/name");
    }
    return new ForgeRepository(kind, parsed.web(), parsed.path());
  }

  /** The forge's API: api.github.com, gitlab.com/api/v4, or HOST/api/v3 or /api/v4 when hosted. */
  public URI defaultApi() {
    return kind.apiOf(web);
  }

  /** A forge for this repository at its {@link #defaultApi()}. */
  public Forge forge(String token) throws ForgeException {
    return forge(defaultApi(), token);
  }

  public Forge forge(URI api, String token) throws ForgeException {
    return kind.forge(api, path, token);
  }

  /** A remote URL taken apart; the credentials some https remotes carry are dropped. */
  private record HostAndPath(URI web, String path, String redacted) {

    static HostAndPath parse(String remoteUrl) throws ForgeException {
      String url = remoteUrl == null ? "" : remoteUrl.strip();
      String redacted = url.replaceAll("://[^/@]*@", "://");
      if (URL_FORM.matcher(url).matches()) {
        return ofUrl(url, redacted);
      }
      Matcher scp = SCP_FORM.matcher(url);
      if (scp.matches()) {
        return new HostAndPath(
            web("https", scp.group(1), -1), path(scp.group(2), redacted), redacted);
      }
      throw notForge(redacted);
    }

    private static HostAndPath ofUrl(String url, String redacted) throws ForgeException {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw notForge(redacted);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !Set.of("https", "http", "ssh", "git").contains(scheme)) {
        throw notForge(redacted);
      }
      // Only a web remote tells where the web site (and so the API) is; ssh and git ports do not.
      boolean web = scheme.equals("https") || scheme.equals("http");
      return new HostAndPath(
          web(web ? scheme : "https", uri.getHost(), web ? uri.getPort() : -1),
          path(uri.getPath(), redacted),
          redacted);
    }

    private static URI web(String scheme, String host, int port) {
      return URI.create(
          scheme + "://" + host.toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port));
    }

    private static String path(String raw, String redacted) throws ForgeException {
      String path = raw == null ? "" : raw;
      path = path.replaceAll("^/+", "").replaceAll("/+$", "");
      if (path.endsWith(".git")) {
        path = path.substring(0, path.length() - ".git".length());
      }
      if (!path.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")
          || path.matches("(.*/)?\\.{1,2}(/.*)?")) {
        throw notForge(redacted);
      }
      return path;
    }

    private static ForgeException notForge(String redacted) {
      return new ForgeException(
          "the remote " + redacted + " is not the address of a repository on a forge");
    }
  }
}
