package dev.portcullis.baseimage.change;

import java.net.URI;

/** Checks the API address and token that a forge is given, without ever printing the token. */
final class ApiAccess {

  private ApiAccess() {}

  /** The API base without a trailing slash; it must be an absolute http or https address. */
  static String base(URI api) throws ForgeException {
    if (api.getRawUserInfo() != null) {
      throw new ForgeException(
          "the API URL must not hold credentials; give the token on its own instead");
    }
    String scheme = api.getScheme();
    if (api.getHost() == null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
        || api.getRawQuery() != null
        || api.getRawFragment() != null) {
      throw new ForgeException(
          "the API URL " + api + " is not an http(s) address without query or fragment");
    }
    String text = api.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** The token with surrounding whitespace (a file's trailing newline) removed. */
  static String token(String token, String forge) throws ForgeException {
    String stripped = token == null ? "" : token.strip();
    if (stripped.isEmpty()) {
      throw new ForgeException("no " + forge + " token given; a pull request needs one");
    }
    if (!stripped.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new ForgeException(
          "the "
              + forge
              + " token holds spaces, control or non-ASCII characters; check how it was read");
    }
    return stripped;
  }
}
