package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * The findings of one Dockerfile.
 *
 * @param findings what the rules found, by line, inline suppressions left out
 * @param suppressed what inline comments suppressed
 */
public record LintResult(
    Dockerfile file, List<LintFinding> findings, List<SuppressedFinding> suppressed) {

  public LintResult {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
  }
}
