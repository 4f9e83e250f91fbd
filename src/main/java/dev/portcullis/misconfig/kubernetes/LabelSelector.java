package dev.portcullis.misconfig.kubernetes;

import java.util.List;
import java.util.Map;

/** Kubernetes label selectors (matchLabels and matchExpressions) against a pod's labels. */
final class LabelSelector {

  private LabelSelector() {}

  /** Whether the selector selects every pod: absent, or {} with no terms. */
  static boolean selectsAll(Node selector) {
    if (!Fields.present(selector)) {
      return true;
    }
    return selector.get("matchLabels") == null || selector.get("matchLabels").entries().isEmpty()
        ? selector.get("matchExpressions") == null
            || selector.get("matchExpressions").items().isEmpty()
        : false;
  }

  static boolean matches(Node selector, Map<String, Node> labels) {
    if (!Fields.present(selector)) {
      return true;
    }
    Node matchLabels = selector.get("matchLabels");
    if (matchLabels != null) {
      for (Map.Entry<String, Node> entry : matchLabels.entries().entrySet()) {
        Node actual = labels.get(entry.getKey());
        if (actual == null || !Fields.string(actual).equals(Fields.string(entry.getValue()))) {
          return false;
        }
      }
    }
    Node expressions = selector.get("matchExpressions");
    for (Node expression : expressions == null ? List.<Node>of() : expressions.items()) {
      String key = Fields.string(expression.get("key"));
      String operator = Fields.string(expression.get("operator"));
      List<String> values =
          (expression.get("values") == null ? List.<Node>of() : expression.get("values").items())
              .stream().map(Fields::string).toList();
      Node actual = labels.get(key);
      boolean ok =
          switch (operator) {
            case "In" -> actual != null && values.contains(Fields.string(actual));
            case "NotIn" -> actual == null || !values.contains(Fields.string(actual));
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
