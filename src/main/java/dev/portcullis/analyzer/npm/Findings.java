package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.inventory.Package;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packages one file names, once per name and version, and what could not be read. A lockfile
 * lists one version several times when it is installed at several places (npm) or with several sets
 * of peers (pnpm); it is development-only if every place says so.
 */
final class Findings {

  /** Warnings quote the file; a hostile one must not flood or steer the terminal. */
  private static final int MAX_QUOTED = 200;

  private final String analyzer;
  private final String path;
  private final Map<String, Package> packages = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private int rejected;
  private String firstRejected;

  Findings(String analyzer, String path) {
    this.analyzer = analyzer;
    this.path = path;
  }

  void add(String name, String version, boolean dev, String where) {
    add(name, version, dev, null, where);
  }

  /**
   * @param where the entry, for the warning if name or version is not one
   */
  void add(String name, String version, boolean dev, String license, String where) {
    if (!NpmCoordinates.isName(name)) {
      reject(where, "\"" + name + "\" is not a package name");
      return;
    }
    if (!NpmCoordinates.isVersion(version)) {
      reject(where, version == null ? "it has no version" : "\"" + version + "\" is not a version");
      return;
    }
    Package found = Package.library("npm", name, version, path);
    if (license != null && !license.isBlank()) {
      found = found.withAuthorship(null, license);
    }
    if (dev) {
      found = found.asDevelopmentOnly();
    }
    packages.merge(name + "@" + version, found, (known, other) -> known.dev() ? other : known);
  }

  /** An entry that names no package; reported once per file, with the first such entry. */
  void reject(String where, String why) {
    if (rejected++ == 0) {
      firstRejected = printable(where) + ": " + printable(why);
    }
  }

  /**
   * The file stopped parsing: says where and why, and that what was read before is kept (a streamed
   * file yields its packages as it goes).
   */
  void unreadable(String format, String line, String problem) {
    String reason = problem == null ? "" : printable(problem.replaceAll("\\s+", " ").strip());
    warn(
        "not valid "
            + format
            + " ("
            + (line == null ? "" : "line " + line + ": ")
            + reason
            + ")"
            + (packages.isEmpty()
                ? ""
                : packages.size() == 1
                    ? "; the package read before the error is listed"
                    : "; the " + packages.size() + " packages read before the error are listed"));
  }

  /** The same for a Jackson parser's exception, which knows the line. */
  void unreadable(String format, JacksonException e) {
    JsonLocation at = e.getLocation();
    String line = at == null || at.getLineNr() < 0 ? null : String.valueOf(at.getLineNr());
    unreadable(format, line, e.getOriginalMessage());
  }

  void warn(String message) {
    warnings.add("/" + path + ": " + message);
  }

  /** Text from the file as a warning may quote it: control characters escaped, long text cut. */
  static String printable(String text) {
    StringBuilder quoted = new StringBuilder();
    text.codePoints()
        .limit(MAX_QUOTED)
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                quoted.append(String.format("\\u%04x", c));
              } else {
                quoted.appendCodePoint(c);
              }
            });
    return text.codePointCount(0, text.length()) > MAX_QUOTED ? quoted + "…" : quoted.toString();
  }

  AnalysisResult result() {
    List<String> all = new ArrayList<>(warnings);
    if (rejected > 0) {
      all.add(
          "/"
              + path
              + ": "
              + rejected
              + (rejected == 1 ? " entry names" : " entries name")
              + " no package and version and "
              + (rejected == 1 ? "was" : "were")
              + " left out ("
              + firstRejected
              + ")");
    }
    return new AnalysisResult(
        analyzer, path, null, List.copyOf(packages.values()), Map.of(), List.copyOf(all));
  }
}
