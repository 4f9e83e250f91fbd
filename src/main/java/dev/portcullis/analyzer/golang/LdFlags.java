package dev.portcullis.analyzer.golang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The version a build stamped into its main package with {@code -ldflags "-X main.version=1.2.3"}:
 * a binary built from a checkout has no module version ("(devel)"), and this is where releases put
 * theirs. Chosen as Trivy chooses it: among {@code -X} keys ending in ".version" or ".ver" whose
 * value is a semantic version, those under {@code <module>/cmd/} first, then those in a package
 * named main, common, version or cmd, then the rest; where the first group that has any has more
 * than one, no version.
 */
final class LdFlags {

  private static final Set<String> VERSION_PACKAGES = Set.of("main", "common", "version", "cmd");

  // golang.org/x/mod/semver: "v1", "v1.2" and "v1.2.3[-pre][+build]".
  private static final String NUMBER = "(?:0|[1-9][0-9]*)";
  private static final String IDENTIFIER = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
  private static final Pattern SEMVER =
      Pattern.compile(
          "v"
              + NUMBER
              + "(?:\\."
              + NUMBER
              + "(?:\\."
              + NUMBER
              + "(?:-"
              + IDENTIFIER
              + "(?:\\."
              + IDENTIFIER
              + ")*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?");

  private LdFlags() {}

  /** The stamped version of the module at {@code modulePath}, or empty. */
  static String version(String modulePath, String ldflags) {
    List<String> words = ShellWords.split(ldflags);
    if (words == null) {
      return "";
    }
    List<List<String>> found = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Map.Entry<String, String> x : definitions(words).entrySet()) {
      String key = stripLeading(x.getKey(), '\'');
      String value = stripTrailing(x.getValue(), '\'');
      if (!isVersionKey(key) || !isSemver(value)) {
        continue;
      }
      if (key.startsWith(modulePath + "/cmd/")) {
        found.get(0).add(value);
      } else if (VERSION_PACKAGES.contains(packageOf(key))) {
        found.get(1).add(value);
      } else {
        found.get(2).add(value);
      }
    }
    for (List<String> group : found) {
      if (!group.isEmpty()) {
        return group.size() == 1 ? group.get(0) : "";
      }
    }
    return "";
  }

  /** The {@code -X key=value} definitions; a later one for the same key wins, as in the linker. */
  private static Map<String, String> definitions(List<String> words) {
    Map<String, String> definitions = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String definition = null;
      if (word.equals("-X") || word.equals("--X")) {
        definition = i + 1 < words.size() ? words.get(++i) : null;
      } else if (word.startsWith("-X=")) {
        definition = word.substring(3);
      } else if (word.startsWith("-X")) {
        definition = word.substring(2);
      }
      if (definition == null) {
        continue;
      }
      for (String pair : definition.split(",")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          definitions.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
    }
    return definitions;
  }

  static boolean isSemver(String version) {
    return SEMVER.matcher(version).matches() || SEMVER.matcher("v" + version).matches();
  }

  private static boolean isVersionKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.endsWith(".version") || lower.endsWith(".ver");
  }

  /** "github.com/x/y/internal/version/app.ver" is in package "app"; "main.version" in "main". */
  private static String packageOf(String key) {
    String last = key.substring(key.lastIndexOf('/') + 1);
    int dot = last.indexOf('.');
    return (dot < 0 ? last : last.substring(0, dot)).toLowerCase(Locale.ROOT);
  }

  private static String stripLeading(String text, char c) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == c) {
      i++;
    }
    return text.substring(i);
  }

  private static String stripTrailing(String text, char c) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == c) {
      end--;
    }
    return text.substring(0, end);
  }
}
