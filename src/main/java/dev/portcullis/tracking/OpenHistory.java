package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import dev.portcullis.vulndb.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Open findings over time, from the findings' own history: a finding was open at the end of a day
 * if it was first seen before then and not fixed before then. Each finding counts under its
 * severity as of now; a finding that was fixed and came back counts from its return only (its
 * {@code first_seen} starts again), as docs/server.md says.
 */
public final class OpenHistory {

  private static final long DAY_MILLIS = 86_400_000L;

  private final Store store;
  private final Clock clock;

  public OpenHistory(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The last {@code days} days, today (up to now) included. */
  public OpenSeries daily(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days: at least 1");
    }
    long now = clock.millis();
    long today = Math.floorDiv(now, DAY_MILLIS);
    long first = today - days + 1;
    return store.read(
        connection -> {
          Map<Severity, long[]> opened = perDay(connection, "first_seen", now, first, days);
          Map<Severity, long[]> fixed = perDay(connection, "fixed_at", now, first, days);
          List<LocalDate> dates = new ArrayList<>();
          for (long day = first; day <= today; day++) {
            dates.add(LocalDate.ofEpochDay(day));
          }
          Map<Severity, List<Long>> open = new EnumMap<>(Severity.class);
          for (Severity severity : Severity.values()) {
            long[] in = opened.get(severity);
            long[] out = fixed.get(severity);
            List<Long> counts = new ArrayList<>(days);
            long running = 0;
            for (int i = 0; i < days; i++) {
              running += in[i + 1] - out[i + 1] + (i == 0 ? in[0] - out[0] : 0);
              counts.add(running);
            }
            open.put(severity, counts);
          }
          return new OpenSeries(dates, open);
        });
  }

  /**
   * How many findings' {@code column} falls on each day, by severity: index 0 holds those before
   * the first day, index i the (i−1)-th day. Times after now do not count.
   */
  private static Map<Severity, long[]> perDay(
      Connection connection, String column, long now, long first, int days) throws SQLException {
    Map<Severity, long[]> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, new long[days + 1]);
    }
    String day = "(f." + column + " / " + DAY_MILLIS + ")";
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT f.severity, "
                + day
                + ", COUNT(*) FROM finding f WHERE f."
                + column
                + " IS NOT NULL AND f."
                + column
                + " <= ? GROUP BY f.severity, "
                + day)) {
      select.setLong(1, now);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long[] perDay = counts.get(Severity.valueOf(rows.getString(1)));
          int index = (int) Math.max(0, Math.min(days, rows.getLong(2) - first + 1));
          perDay[index] += rows.getLong(3);
        }
      }
    }
    return counts;
  }
}
