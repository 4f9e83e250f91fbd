package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;

/** The objects of a document: the object itself, or the items of a {@code List} kind. */
final class Resources {

  private Resources() {}

  /**
   * @param skipped receives a line for each document or item that is no Kubernetes object
   */
  static List<Resource> of(ManifestDocument document, List<String> skipped) {
    List<Resource> resources = new ArrayList<>();
    collect(document.file(), document.root(), resources, skipped, 0);
    return resources;
  }

  private static void collect(
      String file, Node node, List<Resource> resources, List<String> skipped, int depth) {
    if (!(node instanceof Node.MapNode map) || map.get("kind") == null) {
      skipped.add(file + ":" + node.line() + ": not a Kubernetes object (no kind); skipped");
      return;
    }
    String kind = map.get("kind").text();
    Node items = map.get("items");
    if (kind != null && kind.endsWith("List") && items instanceof Node.ListNode list && depth < 5) {
      for (Node item : list.items()) {
        collect(file, item, resources, skipped, depth + 1);
      }
      return;
    }
    resources.add(Resource.of(file, map));
  }
}
