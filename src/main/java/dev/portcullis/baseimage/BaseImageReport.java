package dev.portcullis.baseimage;

import java.util.List;

/**
 * What {@code base-image check} or {@code update} found and did.
 *
 * @param checks every FROM naming a registry image, in file and line order
 * @param changes the FROM lines {@code update} rewrites (empty for {@code check})
 * @param outcome what was done with the changes: "dry run", "written", "committed on branch …", the
 *     pull request's address; null for {@code check}
 */
public record BaseImageReport(
    List<BaseImageCheck> checks, List<BaseImageChange> changes, List<String> outcome) {

  public BaseImageReport {
    checks = List.copyOf(checks);
    changes = List.copyOf(changes);
    outcome = List.copyOf(outcome);
  }

  /** FROMs whose registry could not answer (as opposed to images no registry can be asked for). */
  public boolean registryFailed() {
    return checks.stream().anyMatch(c -> c.problem() != null && c.from().problem() == null);
  }

  /** Whether any FROM has an update within its major version or a moved tag. */
  public boolean outdated() {
    return checks.stream().anyMatch(c -> c.update() != null || c.tagMoved());
  }
}
