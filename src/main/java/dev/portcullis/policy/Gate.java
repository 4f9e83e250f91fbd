package dev.portcullis.policy;

import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.match.Matcher;
import java.util.List;

/** One decision and one exit code for a scan's findings. */
public final class Gate {

  private final GateSettings settings;

  public Gate(GateSettings settings) {
    this.settings = settings;
  }

  public GateResult decide(List<Finding> findings) {
    List<Finding> reported =
        findings.stream()
            .filter(f -> settings.severities().contains(f.severity().severity()))
            .filter(f -> !settings.ignoreUnfixed() || f.status() == FixStatus.FIXED)
            .sorted(Matcher.REPORT_ORDER)
            .toList();
    int exitCode = reported.isEmpty() ? 0 : settings.exitCode();
    return new GateResult(reported, findings.size() - reported.size(), exitCode);
  }
}
