package dev.portcullis.web;

import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.tracking.RankedImage;
import dev.portcullis.tracking.Remediation;
import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.util.List;

/**
 * The overview: the KPIs over 30 and 90 days, open findings over time, and the images to fix first.
 *
 * @param databaseAge null when the vulnerability database cannot be read
 * @param historyJson the chart's data: {@code {"days": [epoch seconds…], "series": {"CRITICAL":
 *     […], …}}}
 */
public record OverviewPage(
    Viewer viewer,
    KpiSnapshot month,
    Remediation quarter,
    Duration databaseAge,
    int historyDays,
    String historyJson,
    List<RankedImage> ranking) {

  public OverviewPage {
    ranking = List.copyOf(ranking);
  }

  /** The severities whose remediation time the overview shows. */
  public List<Severity> mttrSeverities() {
    return List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
  }
}
