package dev.portcullis.analyzer.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * uv's {@code uv.lock}: TOML with one {@code [[package]]} table per locked package, its {@code
 * name}, {@code version} and {@code source}.
 *
 * <p>Packages whose source is {@code editable} or {@code virtual} are the project's own (its root,
 * {@code { editable = "." }} or {@code { virtual = "." }}, and its workspace members): source code
 * here, not releases, so they are not reported. Their {@code dependencies} and {@code
 * optional-dependencies} are what the project needs at run time, and their {@code
 * [package.dev-dependencies]} (uv writes every dependency group there) what development needs: a
 * package reachable from the latter only, through the lock's dependency lists, is marked as a
 * development dependency. A lock without the project's own packages marks none. Trivy instead
 * counts optional dependencies (extras) as development ones, and reports the project's own
 * packages.
 *
 * @see <a href="https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile">uv's lockfile</a>
 * @see <a href="https://github.com/astral-sh/uv/blob/main/crates/uv-resolver/src/lock/mod.rs">uv's
 *     lock, which writes and reads the file</a>
 */
public final class UvLockAnalyzer implements Analyzer {

  static final String FILE_NAME = "uv.lock";

  @Override
  public String type() {
    return "uv-lock";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public long maxFileSize() {
    return Lockfiles.MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Lockfiles.Tables lock = Lockfiles.packageTables(type(), input, "uv");
    if (lock.problem() != null) {
      return lock.problem();
    }
    JsonNode tables = lock.tables();
    Graph graph = new Graph(tables);
    BitSet runtime = graph.reachable(graph.roots(false));
    BitSet dev = graph.reachable(graph.roots(true));
    dev.andNot(runtime);

    Lockfiles.Found found = new Lockfiles.Found();
    int malformed = 0;
    for (int i = 0; i < tables.size(); i++) {
      JsonNode table = tables.get(i);
      String name = Lockfiles.text(table, "name");
      String version = Lockfiles.text(table, "version");
      if (isOwn(table)) {
        continue;
      }
      if (name == null || version == null) {
        malformed++;
        continue;
      }
      Package pkg = Package.library("pypi", name, version, input.path());
      found.add(dev.get(i) ? pkg.asDevelopmentOnly() : pkg);
    }
    List<String> warnings = new ArrayList<>();
    if (malformed > 0) {
      warnings.add(
          "/"
              + input.path()
              + ": "
              + malformed
              + " [[package]] tables without a name and version were skipped");
    }
    return new AnalysisResult(type(), input.path(), null, found.list(), Map.of(), warnings);
  }

  /** The project's own packages: its root and workspace members. */
  static boolean isOwn(JsonNode table) {
    JsonNode source = table.path("source");
    return source.has("editable") || source.has("virtual");
  }

  /** The lock's packages, linked by their dependency lists. */
  private static final class Graph {
    private final JsonNode tables;
    private final Map<String, List<Integer>> byName = new HashMap<>();

    Graph(JsonNode tables) {
      this.tables = tables;
      for (int i = 0; i < tables.size(); i++) {
        String name = Lockfiles.text(tables.get(i), "name");
        if (name != null) {
          byName.computeIfAbsent(Lockfiles.normalise(name), n -> new ArrayList<>()).add(i);
        }
      }
    }

    /**
     * What the project's own packages depend on: at run time (dependencies and extras), or in
     * development (every dependency group).
     */
    List<JsonNode> roots(boolean development) {
      List<JsonNode> roots = new ArrayList<>();
      for (JsonNode table : tables) {
        if (!isOwn(table)) {
          continue;
        }
        if (development) {
          table.path("dev-dependencies").forEach(group -> group.forEach(roots::add));
        } else {
          table.path("dependencies").forEach(roots::add);
          table.path("optional-dependencies").forEach(extra -> extra.forEach(roots::add));
        }
      }
      return roots;
    }

    /** The packages the references lead to, following dependencies and requested extras. */
    BitSet reachable(List<JsonNode> references) {
      BitSet reached = new BitSet(tables.size());
      Set<String> extrasSeen = new HashSet<>();
      Deque<JsonNode> pending = new ArrayDeque<>(references);
      while (!pending.isEmpty()) {
        JsonNode reference = pending.pop();
        for (int index : targets(reference)) {
          JsonNode table = tables.get(index);
          if (!reached.get(index)) {
            reached.set(index);
            table.path("dependencies").forEach(pending::push);
          }
          for (JsonNode extra : reference.path("extra")) {
            if (extra.isTextual() && extrasSeen.add(index + "[" + extra.asText() + "]")) {
              table.path("optional-dependencies").path(extra.asText()).forEach(pending::push);
            }
          }
        }
      }
      return reached;
    }

    /** The packages one {@code { name = …, version = … }} reference names. */
    private List<Integer> targets(JsonNode reference) {
      String name = Lockfiles.text(reference, "name");
      if (name == null) {
        return List.of();
      }
      String version = Lockfiles.text(reference, "version");
      List<Integer> named = byName.getOrDefault(Lockfiles.normalise(name), List.of());
      return version == null
          ? named
          : named.stream()
              .filter(i -> version.equals(Lockfiles.text(tables.get(i), "version")))
              .toList();
    }
  }
}
