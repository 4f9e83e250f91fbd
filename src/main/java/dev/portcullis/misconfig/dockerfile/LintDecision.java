package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * The gate's decision over the Dockerfiles of one run.
 *
 * @param files what each file gave, in the order linted
 * @param reported findings that pass the filters, by file and line
 * @param suppressed findings inline comments or active exceptions suppressed
 * @param expired findings whose only exceptions have expired: reported again, and said why
 * @param filteredOut how many findings the severity filter left out
 * @param exitCode the exit code the command ends with
 */
public record LintDecision(
    List<LintResult> files,
    List<LintFinding> reported,
    List<SuppressedFinding> suppressed,
    List<SuppressedFinding> expired,
    int filteredOut,
    int exitCode) {

  public LintDecision {
    files = List.copyOf(files);
    reported = List.copyOf(reported);
    suppressed = List.copyOf(suppressed);
    expired = List.copyOf(expired);
  }

  public boolean failed() {
    return exitCode != 0;
  }
}
