package dev.portcullis.misconfig.kubernetes;

import java.util.List;

/**
 * Pod Security Admission's answer for one workload.
 *
 * @param decision the answer at the level that applies to it
 * @param levelSource why this level: the flag, the namespace's label, or the seed's default
 * @param levels the answers at baseline and at restricted, at the same version
 */
public record PodVerdict(
    Resource resource, PssDecision decision, String levelSource, List<PssDecision> levels) {

  public PodVerdict {
    levels = List.copyOf(levels);
  }
}
