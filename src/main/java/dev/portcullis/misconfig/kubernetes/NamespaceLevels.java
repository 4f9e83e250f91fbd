package dev.portcullis.misconfig.kubernetes;

import java.util.HashMap;
import java.util.Map;

/**
 * The Pod Security Standards level and version each namespace in the input asks for through its
 * {@code pod-security.kubernetes.io/enforce|audit|warn} labels; the strictest of the three is
 * checked, since any of them makes the API server speak up.
 */
final class NamespaceLevels {

  static final String PREFIX = "pod-security.kubernetes.io/";

  /** A namespace's wish. */
  record Wish(PssLevel level, PssVersion version, String label) {}

  private final Map<String, Wish> wishes = new HashMap<>();

  void add(Resource namespace) {
    Node labels = namespace.node().at("metadata.labels");
    if (labels == null || namespace.name() == null) {
      return;
    }
    PssLevel strictest = null;
    String mode = null;
    PssVersion version = null;
    for (String each : new String[] {"enforce", "audit", "warn"}) {
      Node value = labels.get(PREFIX + each);
      if (value == null || value.text() == null) {
        continue;
      }
      try {
        PssLevel level = PssLevel.parse(value.text());
        if (strictest == null || level.compareTo(strictest) > 0) {
          strictest = level;
          mode = each;
          Node pinned = labels.get(PREFIX + each + "-version");
          version = pinned == null || pinned.text() == null ? null : parse(pinned.text());
        }
      } catch (IllegalArgumentException e) {
        // PSA ignores an unknown level on audit and warn, and defaults enforce to the
        // cluster's default; an unknown label is left to the namespace check.
      }
    }
    if (strictest != null) {
      wishes.put(namespace.name(), new Wish(strictest, version, PREFIX + mode));
    }
  }

  private static PssVersion parse(String text) {
    try {
      return text.equalsIgnoreCase("latest") ? null : PssVersion.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The wish of a namespace, or null when the input has no labelled Namespace of that name. */
  Wish of(String namespace) {
    return wishes.get(namespace);
  }
}
