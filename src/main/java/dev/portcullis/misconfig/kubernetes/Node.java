package dev.portcullis.misconfig.kubernetes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of a manifest (YAML or JSON) with the line it starts on. Trees are immutable; a YAML
 * alias shares its anchor's subtree, and {@link #size()} counts it as often as it is used, so that
 * a reader can refuse documents that would expand without bound.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

  /** The 1-based line the value starts on. */
  int line();

  /** How many values the tree holds once aliases are expanded. */
  long size();

  /** The value under {@code key} if this is a mapping that has it, else null. */
  default Node get(String key) {
    return null;
  }

  /** The items if this is a sequence, else none. */
  default List<Node> items() {
    return List.of();
  }

  /** The entries if this is a mapping, else none. */
  default Map<String, Node> entries() {
    return Map.of();
  }

  /** The text of a scalar that is not null, else null. */
  default String text() {
    return null;
  }

  /** Whether this is the boolean true (YAML's {@code true}, or the string "true"). */
  default boolean isTrue() {
    return false;
  }

  /** Whether this is the boolean false (YAML's {@code false}, or the string "false"). */
  default boolean isFalse() {
    return false;
  }

  /** The value at a dotted path of mapping keys ({@code "securityContext.privileged"}), or null. */
  default Node at(String dottedPath) {
    Node current = this;
    for (String key : dottedPath.split("\\.")) {
      if (current == null) {
        return null;
      }
      current = current.get(key);
    }
    return current;
  }

  /** A mapping, its keys in document order. */
  record MapNode(Map<String, Node> entries, int line, long size) implements Node {
    public MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public Node get(String key) {
      return entries.get(key);
    }
  }

  /** A sequence. */
  record ListNode(List<Node> items, int line, long size) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /** A scalar: its text as written and what YAML or JSON resolved it to. */
  record ScalarNode(String value, Type type, int line) implements Node {

    /** What a scalar resolved to. */
    enum Type {
      STRING,
      INT,
      FLOAT,
      BOOL,
      NULL
    }

    @Override
    public long size() {
      return 1;
    }

    @Override
    public String text() {
      return type == Type.NULL ? null : value;
    }

    @Override
    public boolean isTrue() {
      return type != Type.NULL && "true".equalsIgnoreCase(value)
          || type == Type.BOOL && isYamlTrue(value);
    }

    @Override
    public boolean isFalse() {
      return type != Type.NULL && "false".equalsIgnoreCase(value)
          || type == Type.BOOL && isYamlFalse(value);
    }

    /** The integer value, or null when this is no integer. */
    Long integer() {
      if (type == Type.NULL || value == null) {
        return null;
      }
      try {
        return Long.decode(value.replace("_", "").strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static boolean isYamlTrue(String text) {
      return switch (text.toLowerCase(java.util.Locale.ROOT)) {
        case "y", "yes", "on", "true" -> true;
        default -> false;
      };
    }

    private static boolean isYamlFalse(String text) {
      return switch (text.toLowerCase(java.util.Locale.ROOT)) {
        case "n", "no", "off", "false" -> true;
        default -> false;
      };
    }
  }
}
