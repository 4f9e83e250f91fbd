package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.vulndb.Severity;
import java.util.List;

/**
 * A Dockerfile rule: a stable id, its default severity, what it checks and how to fix a finding.
 *
 * @param aliases hadolint's ids for the same check (DLxxxx), so that their ignores carry over
 * @param trivy Trivy's check ids for the same rule (DSxxx), for comparison; not matched by ignores
 */
public record Rule(
    String id,
    Severity severity,
    String title,
    String fix,
    List<String> aliases,
    List<String> trivy) {

  public Rule {
    aliases = List.copyOf(aliases);
    trivy = List.copyOf(trivy);
  }

  /** Whether {@code name} is this rule's id or one of its aliases (case-insensitive). */
  public boolean isNamed(String name) {
    if (id.equalsIgnoreCase(name)) {
      return true;
    }
    for (String alias : aliases) {
      if (alias.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
