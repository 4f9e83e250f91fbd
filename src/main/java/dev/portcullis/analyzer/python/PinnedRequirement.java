package dev.portcullis.analyzer.python;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One requirement of a pip requirements file that pins a single version ({@code name==1.2}, {@code
 * name[extra] === 1.2 ; python_version < "3.8"}, PEP 508's {@code name (==1.2)}). Anything else
 * names no one version and yields nothing: ranges, wildcards ({@code ==1.*}), URLs and paths
 * ({@code name @ https://…}, {@code ./pkg}), options and their lines ({@code -r}, {@code -e},
 * {@code --hash}).
 *
 * @see <a href="https://pip.pypa.io/en/stable/reference/requirements-file-format/">pip's
 *     requirements file format</a>
 * @see <a href="https://peps.python.org/pep-0508/">PEP 508, dependency specifiers</a>
 */
record PinnedRequirement(String name, String version) {

  /** PEP 508's names: letters, digits, and "._-" inside. */
  private static final Pattern REQUIREMENT =
      Pattern.compile(
          "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*(.*)",
          Pattern.DOTALL);

  private static final Pattern SPECIFIER =
      Pattern.compile("\\s*(===|==|~=|!=|<=|>=|<|>)\\s*(\\S+)\\s*");

  /** PEP 440's version scheme (its appendix B), which also admits the non-normalised spellings. */
  private static final Pattern PEP440 =
      Pattern.compile(
          "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*"
              + "(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
              + "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
              + "(?:[-_.]?dev[-_.]?[0-9]*)?"
              + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
          Pattern.CASE_INSENSITIVE);

  /** What {@code ===} may compare against: any one token, as PEP 440's arbitrary equality says. */
  private static final Pattern ARBITRARY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+!_-]*");

  private static final int MAX_VERSION_LENGTH = 128;

  /** The pin on one logical line (continuations already joined), if it has one. */
  static Optional<PinnedRequirement> parse(String line) {
    String requirement = withoutComment(line).strip();
    if (requirement.isEmpty() || requirement.startsWith("-")) {
      return Optional.empty();
    }
    requirement = beforeOptions(requirement);
    int marker = requirement.indexOf(';');
    if (marker >= 0) {
      requirement = requirement.substring(0, marker).strip();
    }
    if (requirement.contains("@") || requirement.contains("://")) {
      return Optional.empty();
    }
    Matcher matcher = REQUIREMENT.matcher(requirement);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return pinnedVersion(matcher.group(2).strip())
        .map(v -> new PinnedRequirement(matcher.group(1), v));
  }

  /**
   * pip's comment rule: "#" at the start of a line or after whitespace starts a comment (so a URL's
   * "#egg=" fragment is not one). A scan, not pip's regular expression, which backtracks
   * quadratically over long runs of whitespace.
   */
  private static String withoutComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /**
   * A requirement's own options ({@code --hash=…}, {@code --config-settings}) follow it after a
   * space, as pip splits them.
   */
  private static String beforeOptions(String requirement) {
    StringBuilder kept = new StringBuilder();
    for (String token : requirement.split("\\s+")) {
      if (token.startsWith("-")) {
        break;
      }
      kept.append(kept.isEmpty() ? "" : " ").append(token);
    }
    return kept.toString();
  }

  /** The one version that {@code ==} or {@code ===} names among the specifiers, if exactly one. */
  private static Optional<String> pinnedVersion(String specifiers) {
    if (specifiers.startsWith("(") && specifiers.endsWith(")")) {
      specifiers = specifiers.substring(1, specifiers.length() - 1);
    }
    if (specifiers.isBlank()) {
      return Optional.empty();
    }
    String pinned = null;
    for (String specifier : specifiers.split(",", -1)) {
      Matcher matcher = SPECIFIER.matcher(specifier);
      if (!matcher.matches()) {
        return Optional.empty();
      }
      String operator = matcher.group(1);
      String version = matcher.group(2);
      // Real versions are short; a long token is not one, and would only cost the matcher.
      boolean exact =
          version.length() <= MAX_VERSION_LENGTH
              && switch (operator) {
                case "===" -> ARBITRARY.matcher(version).matches();
                case "==" -> PEP440.matcher(version).matches();
                default -> false;
              };
      if (exact) {
        if (pinned != null && !pinned.equals(version)) {
          return Optional.empty();
        }
        pinned = version;
      }
    }
    return Optional.ofNullable(pinned);
  }
}
