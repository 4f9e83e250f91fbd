package dev.portcullis.misconfig.kubernetes;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** How Pod Security Admission words its details: quoted lists and plurals. */
final class PsaWords {

  private PsaWords() {}

  /** {@code "a", "b"}. */
  static String joinQuote(Collection<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    return "\"" + String.join("\", \"", items) + "\"";
  }

  static String pluralize(String singular, String plural, int count) {
    return count == 1 ? singular : plural;
  }

  /** The distinct items sorted as Go sorts strings (by UTF-16 here; the same for ASCII). */
  static List<String> sorted(Collection<String> items) {
    return List.copyOf(new TreeSet<>(items));
  }

  /** {@code container "a"} or {@code containers "a", "b"}. */
  static String containers(List<String> names) {
    return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
  }
}
