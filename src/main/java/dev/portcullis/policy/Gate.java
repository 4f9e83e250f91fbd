package dev.portcullis.policy;

import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.match.Finding;
import dev.portcullis.match.Matcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One decision and one exit code for a scan's findings: exceptions first (an active one suppresses,
 * an expired one is reported as expired), then the severity and fix filters.
 */
public final class Gate {

  /** Most severe first, then by where they are. */
  private static final Comparator<SecretFinding> SECRET_ORDER =
      Comparator.comparing((SecretFinding s) -> s.match().severity())
          .thenComparing(SecretFinding::target)
          .thenComparingInt(s -> s.match().line());

  private final GateSettings settings;
  private final List<VulnerabilityException> exceptions;
  private final LocalDate today;

  public Gate(GateSettings settings, List<VulnerabilityException> exceptions, LocalDate today) {
    this.settings = settings;
    this.exceptions = List.copyOf(exceptions);
    this.today = today;
  }

  /**
   * @param secrets secrets found, which fail the gate like findings of their severity
   * @param imageNames the scanned image's names, for exceptions scoped to images
   */
  public GateResult decide(
      List<Finding> findings, List<SecretFinding> secrets, List<String> imageNames) {
    List<Finding> open = new ArrayList<>();
    List<Suppression> suppressed = new ArrayList<>();
    List<Suppression> expired = new ArrayList<>();
    for (Finding finding : findings) {
      List<VulnerabilityException> covering =
          exceptions.stream().filter(e -> ExceptionScope.covers(e, finding, imageNames)).toList();
      Optional<VulnerabilityException> active =
          covering.stream().filter(e -> e.activeOn(today)).findFirst();
      if (active.isPresent()) {
        suppressed.add(new Suppression(finding, active.get()));
        continue;
      }
      covering.stream().findFirst().ifPresent(e -> expired.add(new Suppression(finding, e)));
      open.add(finding);
    }
    List<Finding> reported =
        open.stream().filter(settings::reports).sorted(Matcher.REPORT_ORDER).toList();
    List<SecretFinding> reportedSecrets =
        secrets.stream()
            .filter(s -> settings.severities().contains(s.match().severity()))
            .sorted(SECRET_ORDER)
            .toList();
    int exitCode = reported.isEmpty() && reportedSecrets.isEmpty() ? 0 : settings.exitCode();
    int filteredOut = open.size() - reported.size() + secrets.size() - reportedSecrets.size();
    return new GateResult(reported, reportedSecrets, suppressed, expired, filteredOut, exitCode);
  }
}
