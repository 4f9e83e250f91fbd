package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pnpm's {@code pnpm-lock.yaml}, lockfile versions 5.x (pnpm 7 and older), 6.x (pnpm 8) and 9.x
 * (pnpm 9 and 10), streamed entry by entry. Every entry of {@code packages} is a locked package,
 * named by its key ({@link PnpmDependencyPath}) or, for tarballs and git, by its own {@code name}
 * and {@code version}; local directories ({@code resolution: {type: directory}}) are the project's
 * own code and are left out.
 *
 * <p>Development-only packages: 5.x and 6.x mark them {@code dev: true} ({@code false} is
 * production only, no mark both). 9.x does not mark them, so they are found as pnpm finds them:
 * what the importers' (the projects') {@code devDependencies} reach through {@code snapshots} and
 * their {@code dependencies} and {@code optionalDependencies} do not. A package neither reaches is
 * not marked.
 */
public final class PnpmLockAnalyzer implements Analyzer {

  /** Lockfiles of large monorepos reach tens of megabytes; this is streamed. */
  static final long MAX_SIZE = 128L * 1024 * 1024;

  @Override
  public String type() {
    return "pnpm-lockfile";
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
    return NpmCoordinates.fileName(path).equals("pnpm-lock.yaml")
        && !NpmCoordinates.insideNodeModules(path);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Lockfile lockfile = new Lockfile();
    Findings findings = new Findings(type(), input.path());
    try (JsonParser parser = NpmYaml.parser(input.content(), MAX_SIZE)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        findings.warn("not a pnpm lockfile (a YAML mapping)");
        return findings.result();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (!lockfile.read(field, parser, findings)) {
          return findings.result();
        }
      }
    } catch (JacksonException e) {
      lockfile.addTo(findings);
      NpmYaml.unreadable(findings, e);
      return findings.result();
    }
    lockfile.addTo(findings);
    return findings.result();
  }

  /** What one lockfile says, collected while it streams by. */
  private static final class Lockfile {
    /** 0 until the lockfileVersion field, which pnpm writes first, has been read. */
    int major;

    final List<Locked> packages = new ArrayList<>();
    final Set<String> productionRoots = new HashSet<>();
    final Set<String> developmentRoots = new HashSet<>();
    final Map<String, List<String>> snapshotDependencies = new HashMap<>();

    /** Reads one top-level field; false if the file is not a lockfile this can read. */
    boolean read(String field, JsonParser parser, Findings findings) throws IOException {
      switch (field) {
        case "lockfileVersion" -> {
          major = major(parser.getText());
          if (major < 1) {
            findings.warn(
                "lockfileVersion " + Findings.printable(parser.getText()) + " is not a version");
            return false;
          }
        }
        case "packages", "importers", "snapshots" -> {
          if (major == 0) {
            findings.warn("no lockfileVersion before \"" + field + "\"; not a pnpm lockfile");
            return false;
          }
          if (major < 9 && !field.equals("packages")) {
            // Before 9, packages carry their own dev mark: the graph is not needed.
            parser.skipChildren();
          } else {
            forEachEntry(
                parser, field, findings, (key, value) -> entry(field, key, value, findings));
          }
        }
        default -> parser.skipChildren();
      }
      return true;
    }

    private static int major(String lockfileVersion) {
      String digits = lockfileVersion.split("\\.", 2)[0];
      return digits.matches("\\d{1,3}") ? Integer.parseInt(digits) : -1;
    }

    private void entry(String section, String key, JsonNode value, Findings findings) {
      String where = section + " \"" + key + "\"";
      if (value.isNull()) {
        // "key:" with nothing after it: an entry without fields.
        value = JsonNodeFactory.instance.objectNode();
      }
      if (!value.isObject()) {
        findings.reject(where, "not a mapping");
        return;
      }
      switch (section) {
        case "packages" -> packageEntry(key, value, where, findings);
        case "importers" -> {
          collectRoots(value.get("dependencies"), productionRoots);
          collectRoots(value.get("optionalDependencies"), productionRoots);
          collectRoots(value.get("devDependencies"), developmentRoots);
        }
        default -> {
          List<String> dependencies = new ArrayList<>();
          collectReferences(value.get("dependencies"), dependencies);
          collectReferences(value.get("optionalDependencies"), dependencies);
          snapshotDependencies.put(key, dependencies);
        }
      }
    }

    private void packageEntry(String key, JsonNode value, String where, Findings findings) {
      if ("directory".equals(NpmYaml.text(value.path("resolution").get("type")))) {
        return;
      }
      PnpmDependencyPath.Coordinates inKey = PnpmDependencyPath.parse(key, major);
      String name = NpmYaml.text(value.get("name"));
      String version = NpmYaml.text(value.get("version"));
      if (name == null && inKey == null) {
        findings.reject(where, "it names no package");
        return;
      }
      JsonNode dev = value.get("dev");
      packages.add(
          new Locked(
              key,
              name != null ? name : inKey.name(),
              version != null || inKey == null ? version : inKey.version(),
              dev != null && dev.isBoolean() && dev.booleanValue()));
    }

    /** 9.x importers: {name: {specifier: ^1.0.0, version: 1.0.1(peer@2.0.0)}}. */
    private static void collectRoots(JsonNode dependencies, Set<String> roots) {
      if (dependencies == null || !dependencies.isObject()) {
        return;
      }
      dependencies
          .properties()
          .forEach(
              dependency -> {
                String reference = NpmYaml.text(dependency.getValue().get("version"));
                String snapshot =
                    reference == null
                        ? null
                        : PnpmDependencyPath.snapshotOf(dependency.getKey(), reference);
                if (snapshot != null) {
                  roots.add(snapshot);
                }
              });
    }

    /** 9.x snapshots: {name: 1.0.1(peer@2.0.0)}. */
    private static void collectReferences(JsonNode dependencies, List<String> snapshots) {
      if (dependencies == null || !dependencies.isObject()) {
        return;
      }
      dependencies
          .properties()
          .forEach(
              dependency -> {
                String reference = NpmYaml.text(dependency.getValue());
                String snapshot =
                    reference == null
                        ? null
                        : PnpmDependencyPath.snapshotOf(dependency.getKey(), reference);
                if (snapshot != null) {
                  snapshots.add(snapshot);
                }
              });
    }

    void addTo(Findings findings) {
      Set<String> production = Set.of();
      Set<String> development = Set.of();
      if (major >= 9) {
        production = reachablePackages(productionRoots);
        development = reachablePackages(developmentRoots);
      }
      for (Locked locked : packages) {
        boolean dev =
            major >= 9
                ? development.contains(locked.key) && !production.contains(locked.key)
                : locked.markedDev;
        findings.add(locked.name, locked.version, dev, "packages \"" + locked.key + "\"");
      }
    }

    /** The package keys the snapshots reach from these, themselves included. */
    private Set<String> reachablePackages(Set<String> roots) {
      Set<String> seen = new HashSet<>(roots);
      Deque<String> pending = new ArrayDeque<>(roots);
      while (!pending.isEmpty()) {
        for (String next : snapshotDependencies.getOrDefault(pending.pop(), List.of())) {
          if (seen.add(next)) {
            pending.push(next);
          }
        }
      }
      Set<String> packageKeys = new HashSet<>();
      seen.forEach(snapshot -> packageKeys.add(PnpmDependencyPath.withoutPeers(snapshot)));
      return packageKeys;
    }
  }

  /** One entry of {@code packages}. */
  private record Locked(String key, String name, String version, boolean markedDev) {}

  private interface EntryReader {
    void accept(String key, JsonNode value) throws IOException;
  }

  /** Reads a mapping's entries one at a time, so only one entry is ever held as a tree. */
  private static void forEachEntry(
      JsonParser parser, String section, Findings findings, EntryReader reader) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      findings.warn("\"" + section + "\" is not a mapping; nothing was read from it");
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      reader.accept(key, parser.readValueAsTree());
    }
  }
}
