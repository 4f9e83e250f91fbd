package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Dockerfile rule: a stable id, its default severity, what it checks and how to fix a finding.
 *
 * @param aliases hadolint's ids for the same check (DLxxxx), so that their ignores carry over
 * @param trivy Trivy's ids for the same check (DSxxx), so that exceptions and ignores written for
 *     Trivy carry over too; Trivy's long form (AVD-DS-0001) names the same check
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

  /** Whether {@code name} is this rule's id or one of its hadolint or Trivy ids (any case). */
  public boolean isNamed(String name) {
    return id.equalsIgnoreCase(name) || otherIds().stream().anyMatch(a -> sameId(a, name));
  }

  /** hadolint's ids, then Trivy's. */
  public List<String> otherIds() {
    return Stream.concat(aliases.stream(), trivy.stream()).toList();
  }

  /** Whether two ids are the same, Trivy's long form included: AVD-DS-0001 is DS001. */
  static boolean sameId(String id, String name) {
    return id.equalsIgnoreCase(name) || id.equalsIgnoreCase(shortTrivyId(name));
  }

  private static String shortTrivyId(String name) {
    if (name.regionMatches(true, 0, "AVD-DS-", 0, 7)
        && name.length() == 11
        && name.charAt(7) == '0') {
      return "DS" + name.substring(8);
    }
    return name;
  }
}
