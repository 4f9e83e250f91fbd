package dev.portcullis.policy;

import dev.portcullis.match.Finding;
import java.util.List;

/**
 * The gate's decision.
 *
 * @param reported findings that pass the filters, most severe first
 * @param filteredOut how many findings the filters left out
 * @param exitCode the exit code the command ends with
 */
public record GateResult(List<Finding> reported, int filteredOut, int exitCode) {

  public GateResult {
    reported = List.copyOf(reported);
  }

  public boolean failed() {
    return exitCode != 0;
  }
}
