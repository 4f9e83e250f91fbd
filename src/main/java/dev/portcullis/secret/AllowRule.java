package dev.portcullis.secret;

import java.util.regex.Pattern;

/**
 * A match that is not a secret: by where it is (path) or what it is (regex over the secret). With
 * both, both must match.
 *
 * @param path matched against the file path without leading slash; null for any
 * @param regex matched against the secret; null for any
 */
public record AllowRule(String id, String description, Pattern path, Pattern regex) {

  public AllowRule {
    if (path == null && regex == null) {
      throw new IllegalArgumentException("allow rule " + id + " needs a path or a regex");
    }
  }

  boolean allowsPath(String filePath) {
    return regex == null && path.matcher(filePath).find();
  }

  boolean allows(String filePath, String secret) {
    return (path == null || path.matcher(filePath).find())
        && (regex == null || regex.matcher(secret).find());
  }
}
