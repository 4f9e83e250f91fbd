package dev.portcullis.analyzer.npm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Yarn 1's lockfile, read line by line. Each entry is a header listing the requests it satisfies
 * ({@code "debug@2.6.9", debug@^2.2.0:}) and indented fields, of which only {@code version} is
 * needed:
 *
 * <pre>
 * accepts@~1.3.7:
 *   version "1.3.8"
 *   resolved "https://registry.yarnpkg.com/accepts/-/accepts-1.3.8.tgz#…"
 *   dependencies:
 *     mime-types "~2.1.34"
 * </pre>
 *
 * An alias ({@code my-lodash@npm:lodash@^4}) is the package it aliases. A request for a git
 * repository, URL, tarball or local path is not a registry package and is left out, as Trivy does.
 */
final class YarnClassicLock {

  /** Real lines are a URL and a hash at most; longer ones are cut, not held whole. */
  private static final int MAX_LINE = 64 * 1024;

  private YarnClassicLock() {}

  static void read(InputStream content, Findings findings, YarnGraph graph) throws IOException {
    Reader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
    Entry entry = null;
    int number = 0;
    String line;
    while ((line = readLine(reader)) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (entry != null) {
          entry.addTo(findings, graph);
        }
        entry = null;
        if (line.endsWith(":")) {
          entry = new Entry(number, line.substring(0, line.length() - 1));
        } else {
          findings.reject("line " + number, "not yarn.lock syntax");
        }
      } else if (entry != null && isField(line)) {
        String field = line.strip();
        entry.inDependencies =
            field.equals("dependencies:") || field.equals("optionalDependencies:");
        if (entry.version == null) {
          entry.version = version(field);
        }
      } else if (entry != null && entry.inDependencies && line.startsWith("    ")) {
        entry.requireFrom(line.strip());
      }
    }
    if (entry != null) {
      entry.addTo(findings, graph);
    }
  }

  /** The next line without its terminator, cut at {@link #MAX_LINE}; null at the end. */
  private static String readLine(Reader reader) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = reader.read()) != -1 && c != '\n') {
      if (line.length() < MAX_LINE) {
        line.append((char) c);
      }
    }
    if (c == -1 && line.isEmpty()) {
      return null;
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  /** Fields are indented two spaces; deeper lines are a field's own entries (dependencies). */
  private static boolean isField(String line) {
    return line.startsWith("  ") && line.length() > 2 && !Character.isWhitespace(line.charAt(2));
  }

  /** The value of a {@code version "1.2.3"} field, or null for any other field. */
  private static String version(String field) {
    if (!field.startsWith("version")) {
      return null;
    }
    String value = field.substring("version".length());
    if (value.startsWith(":")) {
      value = value.substring(1);
    }
    if (value.isEmpty() || !Character.isWhitespace(value.charAt(0))) {
      return null;
    }
    return unquote(value.strip());
  }

  private static String unquote(String text) {
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1)
        : text;
  }

  /** One entry: where its header is, the requests it lists, and the version it resolved to. */
  private static final class Entry {
    final int line;
    final String header;
    String version;
    boolean inDependencies;
    final List<String> requires = new ArrayList<>();

    Entry(int line, String header) {
      this.line = line;
      this.header = header;
    }

    /** A dependency line, {@code name "range"} or {@code "@scope/name" "range"}: a request. */
    void requireFrom(String dependency) {
      int split =
          dependency.startsWith("\"") ? dependency.indexOf('"', 1) + 1 : dependency.indexOf(' ');
      if (split > 0 && split < dependency.length()) {
        requires.add(
            unquote(dependency.substring(0, split))
                + "@"
                + unquote(dependency.substring(split).strip()));
      }
    }

    void addTo(Findings findings, YarnGraph graph) {
      // Every request of one entry resolves to the same package; the first names it.
      String request = unquote(header.split(",", 2)[0].strip());
      String where = "line " + line + " (" + request + ")";
      int at = NpmCoordinates.versionSeparator(request);
      if (at < 0) {
        findings.reject(where, "not a package request");
        return;
      }
      String name = request.substring(0, at);
      String range = request.substring(at + 1);
      if (range.startsWith("npm:")) {
        String aliased = range.substring("npm:".length());
        int aliasAt = NpmCoordinates.versionSeparator(aliased);
        if (aliasAt > 0) {
          name = aliased.substring(0, aliasAt);
        }
      } else if (range.contains(":") || range.contains("/")) {
        // git, github:, http(s), file:, link:: semver ranges and tags have neither.
        return;
      }
      if (!NpmCoordinates.isVersion(version)) {
        findings.add(name, version, false, where);
        return;
      }
      List<String> requests = new ArrayList<>();
      for (String part : header.split(",")) {
        requests.add(unquote(part.strip()));
      }
      graph.entry(requests, name, version, requires, where);
    }
  }
}
