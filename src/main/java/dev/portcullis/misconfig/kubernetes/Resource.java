package dev.portcullis.misconfig.kubernetes;

/**
 * A Kubernetes object read from a manifest.
 *
 * @param file the file as the user named it
 * @param line the line the object starts on
 * @param namespace {@code metadata.namespace}, or null when the manifest leaves it to kubectl
 * @param name {@code metadata.name} (or {@code generateName}), or null
 * @param node the whole object
 */
public record Resource(
    String file,
    int line,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    Node.MapNode node) {

  /** {@code kind/namespace/name}, the form exceptions name resources in. */
  public String ref() {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + (name == null ? "" : name);
  }

  /** The namespace the object lands in when applied without {@code -n}. */
  String effectiveNamespace() {
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  static Resource of(String file, Node.MapNode node) {
    Node metadata = node.get("metadata");
    String name = text(metadata, "name");
    if (name == null) {
      name = text(metadata, "generateName");
    }
    return new Resource(
        file,
        node.line(),
        text(node, "apiVersion"),
        text(node, "kind"),
        text(metadata, "namespace"),
        name,
        node);
  }

  private static String text(Node node, String key) {
    Node value = node == null ? null : node.get(key);
    return value == null ? null : value.text();
  }
}
