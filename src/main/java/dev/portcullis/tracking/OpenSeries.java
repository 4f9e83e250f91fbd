package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Open findings by severity at the end of each day (UTC), oldest day first.
 *
 * @param open for each severity, one count per day of {@code days}
 */
public record OpenSeries(List<LocalDate> days, Map<Severity, List<Long>> open) {

  public OpenSeries {
    days = List.copyOf(days);
    open = Map.copyOf(open);
  }

  /**
   * The series from the day before the first open finding (a baseline of zero), and at least the
   * last two days: a server younger than the span does not draw weeks of nothing.
   */
  public OpenSeries fromFirstFinding() {
    int first = days.size();
    for (List<Long> counts : open.values()) {
      for (int i = 0; i < counts.size() && i < first; i++) {
        if (counts.get(i) > 0) {
          first = i;
        }
      }
    }
    int start = Math.max(0, Math.min(first - 1, days.size() - 2));
    Map<Severity, List<Long>> kept = new EnumMap<>(Severity.class);
    open.forEach((severity, counts) -> kept.put(severity, counts.subList(start, counts.size())));
    return new OpenSeries(days.subList(start, days.size()), kept);
  }
}
