package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's metadata and spec wherever they sit in a workload (a Pod's {@code spec}, a Deployment's
 * {@code spec.template.spec}, a CronJob's {@code spec.jobTemplate.spec.template.spec}), with the
 * paths to name their fields by.
 */
final class PodView {

  private static final Node EMPTY = new Node.MapNode(Map.of(), 0, 1);

  private final Node metadata;
  private final Node spec;
  private final String metadataPath;
  private final String specPath;
  private final int line;
  private final List<Container> containers;

  /** A container, init container or ephemeral container, with its path. */
  record Container(Node node, String path, String name) {
    Node securityContext() {
      return node.get("securityContext");
    }

    FieldRef field(String relative) {
      return PodView.field(node, path, relative);
    }
  }

  PodView(Node metadata, Node spec, String metadataPath, String specPath, int line) {
    this.metadata = metadata == null ? EMPTY : metadata;
    this.spec = spec == null ? EMPTY : spec;
    this.metadataPath = metadataPath;
    this.specPath = specPath;
    this.line = line;
    this.containers = collectContainers();
  }

  /** The pod template of a workload, or null when the kind holds none. */
  static PodView of(Resource resource) {
    Node node = resource.node();
    String kind = resource.kind() == null ? "" : resource.kind();
    return switch (kind) {
      case "Pod" ->
          new PodView(node.get("metadata"), node.get("spec"), "metadata", "spec", node.line());
      case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController" ->
          template(node.at("spec.template"), "spec.template", resource);
      case "PodTemplate" -> template(node.get("template"), "template", resource);
      case "CronJob" ->
          template(
              node.at("spec.jobTemplate.spec.template"),
              "spec.jobTemplate.spec.template",
              resource);
      default -> null;
    };
  }

  private static PodView template(Node template, String path, Resource resource) {
    if (template == null) {
      return new PodView(null, null, path + ".metadata", path + ".spec", resource.line());
    }
    return new PodView(
        template.get("metadata"),
        template.get("spec"),
        path + ".metadata",
        path + ".spec",
        template.line());
  }

  Node metadata() {
    return metadata;
  }

  Node spec() {
    return spec;
  }

  String specPath() {
    return specPath;
  }

  int line() {
    return line;
  }

  /** Init containers, containers and ephemeral containers, in the order PSA visits them. */
  List<Container> containers() {
    return containers;
  }

  /** The pod-level security context, or null. */
  Node podSecurityContext() {
    return spec.get("securityContext");
  }

  String annotation(String key) {
    Node value = annotations().get(key);
    return value == null ? null : value.text();
  }

  Map<String, Node> annotations() {
    Node annotations = metadata.get("annotations");
    return annotations == null ? Map.of() : annotations.entries();
  }

  /** Whether {@code spec.os.name} is windows: PSA exempts such pods from some restricted checks. */
  boolean isWindows() {
    Node os = spec.at("os.name");
    return os != null && "windows".equals(os.text());
  }

  /** A field under the spec, with the line of its nearest written ancestor. */
  FieldRef specField(String relative) {
    return field(spec, specPath, relative);
  }

  /** The volumes, in order. */
  List<Node> volumes() {
    Node volumes = spec.get("volumes");
    return volumes == null ? List.of() : volumes.items();
  }

  /** {@code spec.volumes[i].key} with its line. */
  FieldRef volumeField(int index, String key) {
    Node volume = volumes().get(index);
    return field(volume, specPath + ".volumes[" + index + "]", key);
  }

  FieldRef metadataField(String relative) {
    return field(metadata, metadataPath, relative);
  }

  /** The path and line of {@code relative} (dotted) under {@code base}. */
  static FieldRef field(Node base, String basePath, String relative) {
    Node current = base;
    int line = base.line();
    for (String key : relative.split("\\.")) {
      current = current == null ? null : current.get(key);
      if (current != null && current.line() > 0) {
        line = current.line();
      }
    }
    return new FieldRef(basePath + "." + relative, line);
  }

  private List<Container> collectContainers() {
    List<Container> all = new ArrayList<>();
    for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
      Node list = spec.get(kind);
      if (list == null) {
        continue;
      }
      List<Node> items = list.items();
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        Node name = item.get("name");
        all.add(new Container(item, specPath + "." + kind + "[" + i + "]", Fields.string(name)));
      }
    }
    return List.copyOf(all);
  }
}
