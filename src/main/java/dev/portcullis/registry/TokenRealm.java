package dev.portcullis.registry;

import dev.portcullis.image.InputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The token service a Bearer challenge names, checked before anything goes to it: an absolute
 * {@code https} address with a host, or {@code http} only when the registry itself is spoken to in
 * plain HTTP. Anything else (not a URI, {@code file:}, a user name in the address) is refused.
 */
record TokenRealm(URI uri) {

  /** Longest realm quoted in a message: the registry wrote it, not the user. */
  private static final int MAX_QUOTED = 200;

  /**
   * @param registry the registry's own address ({@code scheme://host:port/})
   * @param action what the token is for, to begin messages with
   */
  static TokenRealm parse(String realm, URI registry, String action) throws InputException {
    String said = action + ": the registry's token realm '" + quoted(realm) + "'";
    URI uri;
    try {
      uri = new URI(realm);
    } catch (URISyntaxException e) {
      throw new InputException(said + " is not a valid URI (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean plain = scheme.equals("http");
    if (!scheme.equals("https") && !plain) {
      throw new InputException(said + " is not an https address; no token is fetched from it");
    }
    if (plain && !registry.getScheme().equals("http")) {
      throw new InputException(
          said
              + " is plain HTTP, but the registry is spoken to over https; no token is fetched"
              + " from it");
    }
    if (uri.isOpaque() || uri.getHost() == null) {
      throw new InputException(said + " names no host");
    }
    if (uri.getRawUserInfo() != null) {
      // Not quoted: what follows the user name may be a password.
      throw new InputException(
          action
              + ": the registry's token realm on "
              + quoted(uri.getHost())
              + " carries a user name; no token is fetched from it");
    }
    return new TokenRealm(uri);
  }

  /** The token request: the realm with {@code scope} and {@code service} added to its query. */
  URI request(String scope, String service) {
    String base = uri.toString();
    int fragment = base.indexOf('#');
    if (fragment >= 0) {
      base = base.substring(0, fragment);
    }
    StringBuilder url =
        new StringBuilder(base)
            .append(uri.getRawQuery() == null ? '?' : '&')
            .append("scope=")
            .append(encode(scope));
    if (service != null) {
      url.append("&service=").append(encode(service));
    }
    return URI.create(url.toString());
  }

  /**
   * Whether credentials may go along, as Docker sends them: always over https; over plain HTTP only
   * to the registry's own host, never to another one.
   */
  boolean carriesCredentialsFor(URI registry) {
    return uri.getScheme().equalsIgnoreCase("https")
        || uri.getHost().equalsIgnoreCase(registry.getHost());
  }

  @Override
  public String toString() {
    return quoted(uri.toString());
  }

  private static String quoted(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= MAX_QUOTED ? printable : printable.substring(0, MAX_QUOTED) + "…";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
