package dev.portcullis.misconfig.kubernetes;

/** Small questions about values that Go answers with nil checks. */
final class Fields {

  private Fields() {}

  /** Whether a field is written with a value (YAML's null is as good as absent). */
  static boolean present(Node node) {
    return node != null
        && !(node instanceof Node.ScalarNode scalar && scalar.type() == Node.ScalarNode.Type.NULL);
  }

  /** The text of a field, or "" when absent, as Go's zero value reads. */
  static String string(Node node) {
    String text = node == null ? null : node.text();
    return text == null ? "" : text;
  }

  /** The integer of a field, or null when absent or not an integer. */
  static Long integer(Node node) {
    return node instanceof Node.ScalarNode scalar ? scalar.integer() : null;
  }

  /** Go's %q for plain strings. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
