package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The packages of a yarn lockfile and the requests ({@code name@range}) that lead to each. Neither
 * yarn format says which packages are development-only; the project's package.json beside the
 * lockfile does: a package its devDependencies reach and its other dependencies do not is marked.
 * Without the package.json (an image layer offers none), every package counts as needed at run
 * time, the safe side for a gate.
 */
final class YarnGraph {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Node(String name, String version, String where, List<String> requires) {}

  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Node> byRequest = new HashMap<>();
  private final byte[] manifest;
  private final boolean berry;
  private int listed;

  /**
   * @param manifest the package.json beside the lockfile, or null
   * @param berry whether requests carry berry's protocol ({@code name@npm:^1.0})
   */
  YarnGraph(byte[] manifest, boolean berry) {
    this.manifest = manifest;
    this.berry = berry;
  }

  /**
   * @param requests the requests the entry resolves, as the lockfile keys it
   * @param requires the requests of its own dependencies, in the same form
   */
  void entry(
      List<String> requests, String name, String version, List<String> requires, String where) {
    Node node = new Node(name, version, where, List.copyOf(requires));
    nodes.add(node);
    requests.forEach(request -> byRequest.put(request, node));
  }

  /**
   * Lists the packages not listed yet; with the project's package.json, development-only ones are
   * marked. Called at the end, and before a parse error is reported, so that the warning counts
   * what was read.
   */
  void flushTo(Findings findings) {
    if (listed == nodes.size()) {
      return;
    }
    Set<Node> runtime = Set.of();
    Set<Node> development = Set.of();
    if (manifest != null) {
      try {
        JsonNode project = JSON.readTree(manifest);
        runtime =
            reach(requests(project, "dependencies", "optionalDependencies", "peerDependencies"));
        development = reach(requests(project, "devDependencies"));
      } catch (IOException e) {
        // Jackson's parse errors are IOExceptions; the bytes are in memory, so nothing else is.
        if (listed == 0) {
          findings.warn(
              "the package.json beside it is not valid JSON, so development-only packages are not"
                  + " told apart");
        }
      }
    }
    for (Node node : nodes.subList(listed, nodes.size())) {
      boolean dev = development.contains(node) && !runtime.contains(node);
      findings.add(node.name(), node.version(), dev, node.where());
    }
    listed = nodes.size();
  }

  private List<String> requests(JsonNode project, String... sections) {
    List<String> requests = new ArrayList<>();
    for (String section : sections) {
      project
          .path(section)
          .properties()
          .forEach(
              dependency -> {
                String range = dependency.getValue().asText();
                // Berry keys a registry range with its protocol; package.json leaves it out.
                String written = berry && !range.contains(":") ? "npm:" + range : range;
                requests.add(dependency.getKey() + "@" + written);
              });
    }
    return requests;
  }

  private Set<Node> reach(List<String> roots) {
    Set<Node> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      Node node = byRequest.get(pending.pop());
      if (node != null && reached.add(node)) {
        pending.addAll(node.requires());
      }
    }
    return reached;
  }
}
