package dev.portcullis.analyzer.npm;

import java.util.regex.Pattern;

/** What an npm package name and version may look like, and where npm installs packages. */
final class NpmCoordinates {

  /**
   * npm's rule for names, old ones included: URL-safe characters only, with an optional scope.
   * Upper case is allowed because packages published before 2016 may have it ("JSONStream").
   */
  private static final Pattern NAME =
      Pattern.compile("(@[A-Za-z0-9._~!*'()-]+/)?[A-Za-z0-9._~!*'()-]+");

  private static final int MAX_NAME_LENGTH = 214;

  /**
   * A semantic version, as the npm registry requires of everything published; git specs, paths and
   * URLs are not versions.
   */
  private static final Pattern VERSION =
      Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private static final int MAX_VERSION_LENGTH = 256;

  private NpmCoordinates() {}

  static boolean isName(String name) {
    return name != null
        && name.length() <= MAX_NAME_LENGTH
        && !name.startsWith(".")
        && NAME.matcher(name).matches();
  }

  static boolean isVersion(String version) {
    return version != null
        && version.length() <= MAX_VERSION_LENGTH
        && VERSION.matcher(version).matches();
  }

  /** Whether the path lies in a node_modules directory, where npm, yarn and pnpm install. */
  static boolean insideNodeModules(String path) {
    return path.startsWith("node_modules/") || path.contains("/node_modules/");
  }

  /** The last segment of a slash-separated path. */
  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The index of the '@' between name and what follows ("@babel/core@7.1.0", "lodash@^4"), or -1; a
   * scope's leading '@' is part of the name.
   */
  static int versionSeparator(String spec) {
    return spec.indexOf('@', 1);
  }
}
