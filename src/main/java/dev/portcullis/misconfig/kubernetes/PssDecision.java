package dev.portcullis.misconfig.kubernetes;

import java.util.List;
import java.util.stream.Collectors;

/** Whether Pod Security Admission would admit a pod at a level and version, and why not. */
public record PssDecision(PssLevel level, PssVersion version, List<PssViolation> violations) {

  public PssDecision {
    violations = List.copyOf(violations);
  }

  public boolean allowed() {
    return violations.isEmpty();
  }

  /**
   * PSA's message: {@code violates PodSecurity "restricted:v1.37": allowPrivilegeEscalation !=
   * false (container "app" must set securityContext.allowPrivilegeEscalation=false), ...}.
   */
  public String message() {
    if (allowed()) {
      return "allowed by PodSecurity \"" + level.label() + ":" + version + "\"";
    }
    return "violates PodSecurity \""
        + level.label()
        + ":"
        + version
        + "\": "
        + violations.stream().map(PssViolation::describe).collect(Collectors.joining(", "));
  }
}
