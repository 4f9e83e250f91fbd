package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The lockfile of yarn 2 and later, YAML streamed entry by entry. Each entry's {@code resolution}
 * names the package and where it came from:
 *
 * <pre>
 * "debug@npm:2.6.9, debug@npm:^2.2.0":
 *   version: 2.6.9
 *   resolution: "debug@npm:2.6.9"
 * </pre>
 *
 * Only {@code npm:} resolutions are registry packages. The others are left out: {@code workspace:}
 * is the project itself (version {@code 0.0.0-use.local}); {@code patch:} is a patched copy of a
 * registry package whose own {@code npm:} entry is listed too (yarn patches {@code resolve}, {@code
 * typescript} and {@code fsevents} on its own); {@code virtual:} is an instance of another entry
 * with its peers; {@code file:}, {@code link:}, {@code portal:} and {@code exec:} are local code;
 * git and URLs have no registry version.
 */
final class YarnBerryLock {

  private YarnBerryLock() {}

  static void read(InputStream content, Findings findings, YarnGraph graph) throws IOException {
    try (JsonParser parser = NpmYaml.parser(content, YarnLockAnalyzer.MAX_SIZE)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        findings.warn("not a yarn lockfile (a YAML mapping)");
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        if (key.equals("__metadata")) {
          parser.skipChildren();
        } else {
          add(key, parser.readValueAsTree(), findings, graph);
        }
      }
    } catch (JacksonException e) {
      graph.flushTo(findings);
      NpmYaml.unreadable(findings, e);
    }
  }

  private static void add(String key, JsonNode entry, Findings findings, YarnGraph graph) {
    String where = "\"" + key + "\"";
    if (!entry.isObject()) {
      findings.reject(where, "not a mapping");
      return;
    }
    String resolution = NpmYaml.text(entry.get("resolution"));
    int at = resolution == null ? -1 : NpmCoordinates.versionSeparator(resolution);
    if (at < 0) {
      findings.reject(where, "it has no resolution \"name@protocol:reference\"");
      return;
    }
    String reference = resolution.substring(at + 1);
    if (!reference.startsWith("npm:")) {
      return;
    }
    String version = NpmYaml.text(entry.get("version"));
    String name = resolution.substring(0, at);
    String resolved = version != null ? version : reference.substring("npm:".length());
    if (!NpmCoordinates.isVersion(resolved)) {
      findings.add(name, resolved, false, where);
      return;
    }
    List<String> requires = new ArrayList<>();
    entry
        .path("dependencies")
        .properties()
        .forEach(d -> requires.add(d.getKey() + "@" + d.getValue().asText()));
    List<String> requests = new ArrayList<>();
    for (String request : key.split(",")) {
      requests.add(request.strip());
    }
    graph.entry(requests, name, resolved, requires, where);
  }
}
