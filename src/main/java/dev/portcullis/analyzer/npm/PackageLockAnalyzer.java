package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import java.io.IOException;

/**
 * npm's lockfiles, {@code package-lock.json} and {@code npm-shrinkwrap.json}, streamed: a v2 or v3
 * file's {@code packages} map, keyed by install path ({@code node_modules/a/node_modules/b}), or a
 * v1 file's nested {@code dependencies}. {@code dev: true} marks development-only packages; {@code
 * devOptional} does not, since an optional dependency of a production package needs it too.
 *
 * <p>Left out: the root project ({@code ""}), workspace and other local directories (entries
 * outside node_modules: the project's own code, not a dependency), links to them ({@code link:
 * true}), and v1 dependencies whose version is a git, file or URL spec rather than a registry
 * version. Lockfiles inside node_modules belong to a dependency's own development and are not read.
 */
public final class PackageLockAnalyzer implements Analyzer {

  /** Lockfiles of large monorepos reach tens of megabytes; this is streamed. */
  static final long MAX_SIZE = 128L * 1024 * 1024;

  @Override
  public String type() {
    return "npm-lockfile";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public long maxFileSize() {
    return MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    String name = NpmCoordinates.fileName(path);
    return (name.equals("package-lock.json") || name.equals("npm-shrinkwrap.json"))
        && !NpmCoordinates.insideNodeModules(path);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Findings packages = new Findings(type(), input.path());
    Findings legacy = new Findings(type(), input.path());
    boolean hasPackages = false;
    try (JsonParser parser = NpmJson.parser(input.content(), MAX_SIZE)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        packages.warn("not an npm lockfile (a JSON object)");
        return packages.result();
      }
      int lockfileVersion = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "lockfileVersion" ->
              lockfileVersion = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
          case "packages" -> {
            hasPackages = true;
            readPackages(parser, packages);
          }
          // v2 repeats v1's tree for old npm versions: read it only where it is all there is.
          case "dependencies" -> {
            if (hasPackages || lockfileVersion >= 2) {
              parser.skipChildren();
            } else {
              readDependencies(parser, legacy, "dependencies");
            }
          }
          default -> parser.skipChildren();
        }
      }
    } catch (JacksonException e) {
      (hasPackages ? packages : legacy).unreadable("JSON", e);
    }
    return (hasPackages ? packages : legacy).result();
  }

  /** v2 and v3: {"node_modules/a": {...}, "node_modules/a/node_modules/b": {...}, ...}. */
  private static void readPackages(JsonParser parser, Findings findings) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      findings.warn("\"packages\" is not an object; nothing was read from it");
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String location = parser.currentName();
      parser.nextToken();
      JsonNode entry = parser.readValueAsTree();
      int installed = location.lastIndexOf("node_modules/");
      boolean inNodeModules =
          installed == 0 || (installed > 0 && location.charAt(installed - 1) == '/');
      if (!inNodeModules || !entry.isObject() || entry.path("link").asBoolean(false)) {
        if (inNodeModules && !entry.isObject()) {
          findings.reject("\"" + location + "\"", "not an object");
        }
        continue;
      }
      // "name" is there when it differs from the directory: an alias ("my-lodash": lodash).
      JsonNode name = entry.get("name");
      findings.add(
          name != null && name.isTextual()
              ? name.asText()
              : location.substring(installed + "node_modules/".length()),
          textOrNull(entry.get("version")),
          entry.path("dev").asBoolean(false),
          textOrNull(entry.get("license")),
          "\"" + location + "\"");
    }
  }

  /** v1: {"a": {"version": …, "dev": …, "dependencies": {"b": {...}}}, ...}, nested. */
  private static void readDependencies(JsonParser parser, Findings findings, String where)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      findings.reject(where, "not an object");
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String location = where + " > \"" + name + "\"";
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        findings.reject(location, "not an object");
        parser.skipChildren();
        continue;
      }
      String version = null;
      boolean dev = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "version" -> version = NpmJson.text(parser);
          case "dev" -> dev = value == JsonToken.VALUE_TRUE;
          case "dependencies" -> readDependencies(parser, findings, location);
          default -> parser.skipChildren();
        }
      }
      addV1(findings, name, version, dev, location);
    }
  }

  /**
   * A v1 version is what was installed: a registry version, "npm:lodash@4.17.21" for an alias, or a
   * git, file or URL spec, which names no registry version and is left out.
   */
  private static void addV1(
      Findings findings, String name, String version, boolean dev, String location) {
    if (version != null && version.startsWith("npm:")) {
      String aliased = version.substring("npm:".length());
      int at = NpmCoordinates.versionSeparator(aliased);
      if (at > 0) {
        name = aliased.substring(0, at);
        version = aliased.substring(at + 1);
      }
    } else if (version != null && version.contains(":")) {
      return;
    }
    findings.add(name, version, dev, location);
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
