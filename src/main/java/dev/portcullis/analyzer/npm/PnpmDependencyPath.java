package dev.portcullis.analyzer.npm;

/**
 * pnpm's keys for locked packages ("dependency paths"), in the syntax of each lockfile version:
 *
 * <pre>
 * 5.x  /react-dom/18.2.0_react@18.2.0     /@babel/core/7.21.8    registry.example.com/lodash/4.17.21
 * 6.x  /react-dom@18.2.0(react@18.2.0)    /@babel/core@7.21.8
 * 9.x  react-dom@18.2.0(react@18.2.0)     @babel/core@7.21.8
 * </pre>
 *
 * The suffix after the version lists the peers this copy was resolved with.
 */
final class PnpmDependencyPath {

  private PnpmDependencyPath() {}

  /** A package's name and version as a key writes them, unchecked. */
  record Coordinates(String name, String version) {}

  /** The name and version in the key, or null if it has none in that syntax. */
  static Coordinates parse(String key, int lockfileMajor) {
    String path = key;
    if (path.startsWith("/")) {
      path = path.substring(1);
    } else if (lockfileMajor < 9) {
      // Before 9, a key not starting with "/" starts with the host of a registry other than npm's.
      path = path.substring(path.indexOf('/') + 1);
    }
    int nameStart = 0;
    if (path.startsWith("@")) {
      nameStart = path.indexOf('/') + 1;
      if (nameStart == 0) {
        return null;
      }
    }
    int separator = path.indexOf(lockfileMajor < 6 ? '/' : '@', nameStart);
    if (separator < 0) {
      return null;
    }
    String version = path.substring(separator + 1);
    int peers = version.indexOf(lockfileMajor < 6 ? '_' : '(');
    return new Coordinates(
        path.substring(0, separator), peers < 0 ? version : version.substring(0, peers));
  }

  /** The package key of a 9.x snapshot key: without the peers. */
  static String withoutPeers(String snapshotKey) {
    int peers = snapshotKey.indexOf('(');
    return peers < 0 ? snapshotKey : snapshotKey.substring(0, peers);
  }

  /**
   * The snapshot a 9.x dependency reference points at, or null for a link to a local directory. The
   * reference is a version ("18.2.0(react@18.2.0)") of the dependency's own name, or, for an alias,
   * the whole key of another package ("lodash@4.17.21"); this is pnpm's own rule (dependency-path's
   * refToRelative).
   */
  static String snapshotOf(String dependencyName, String reference) {
    if (reference.startsWith("link:")) {
      return null;
    }
    if (reference.startsWith("@")) {
      return reference;
    }
    int at = reference.indexOf('@');
    int colon = reference.indexOf(':');
    int peers = reference.indexOf('(');
    boolean isKey = at >= 0 && (colon < 0 || at < colon) && (peers < 0 || at < peers);
    return isKey ? reference : dependencyName + "@" + reference;
  }
}
