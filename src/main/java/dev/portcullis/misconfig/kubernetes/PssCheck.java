package dev.portcullis.misconfig.kubernetes;

import java.util.List;
import java.util.function.Function;

/**
 * One Pod Security Standards check as Pod Security Admission defines it: an id, the level it
 * belongs to, and implementations by the first Kubernetes version they apply to.
 */
record PssCheck(String id, PssLevel level, List<Version> versions) {

  PssCheck {
    versions = List.copyOf(versions);
  }

  /**
   * One implementation.
   *
   * @param since the first minor version (1.x) it applies to
   * @param check returns the violation, or null when the pod passes
   * @param overrides baseline checks this restricted check replaces at a restricted level
   */
  record Version(int since, Function<PodView, PssViolation> check, List<String> overrides) {
    Version {
      overrides = List.copyOf(overrides);
    }
  }

  static PssCheck of(String id, PssLevel level, Version... versions) {
    return new PssCheck(id, level, List.of(versions));
  }

  static Version since(int minor, Function<PodView, PssViolation> check, String... overrides) {
    return new Version(minor, check, List.of(overrides));
  }

  /** The implementation for a version, or null when the check did not exist yet. */
  Version at(PssVersion version) {
    Version chosen = null;
    for (Version candidate : versions) {
      if (version.atLeast(candidate.since())) {
        chosen = candidate;
      }
    }
    return chosen;
  }
}
