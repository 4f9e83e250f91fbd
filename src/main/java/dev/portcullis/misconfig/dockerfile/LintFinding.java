package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.vulndb.Severity;
import java.util.List;

/**
 * One finding of a Dockerfile rule.
 *
 * @param severity the rule's severity, or the one the policy sets for it
 * @param aliases the hadolint and Trivy ids this finding answers to (a subset of the rule's)
 * @param file the Dockerfile as the user named it
 * @param line the first line of the instruction the finding is about (1-based)
 * @param endLine its last line
 * @param stage the stage's name or index, or null outside stages
 * @param image the stage's base image as resolved, or null
 */
public record LintFinding(
    Rule rule,
    Severity severity,
    String message,
    List<String> aliases,
    String file,
    int line,
    int endLine,
    String stage,
    String image) {

  public LintFinding {
    aliases = List.copyOf(aliases);
  }

  public String ruleId() {
    return rule.id();
  }

  /** Whether {@code name} is the rule's id or one of this finding's aliases. */
  public boolean isNamed(String name) {
    return rule.id().equalsIgnoreCase(name)
        || aliases.stream().anyMatch(alias -> Rule.sameId(alias, name));
  }
}
