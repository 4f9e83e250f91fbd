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
          Map<Severity, long[]> opened = new EnumMap<>(Severity.class);
          Map<Severity, long[]> fixed = new EnumMap<>(Severity.class);
          for (Severity severity : Severity.values()) {
            opened.put(severity, new long[days + 1]);
            fixed.put(severity, new long[days + 1]);
          }
          countPerDay(connection, now, first, days, opened, fixed);
          List<LocalDate> dates = new ArrayList<>();
          for (long day = first; day <= today; day++) {
            dates.add(LocalDate.ofEpochDay(day));
          }
          Map<Severity, List<Long>> open = new EnumMap<>(Severity.class);
          for (Severity severity : Severity.values()) {
            long[] in = opened.get(severity);
            long[] out = fixed.get(severity);
            List<Long> counts = new ArrayList<>(days);
            long running = in[0] - out[0];
            for (int i = 1; i <= days; i++) {
              running += in[i] - out[i];
              counts.add(running);
            }
            open.put(severity, counts);
          }
          return new OpenSeries(dates, open);
        });
  }

  /**
   * One pass over the findings: how many were first seen, and how many fixed, on each day, by
   * severity. Index 0 holds those before the first day, index i the (i−1)-th day; times after now
   * do not count.
   */
  private static void countPerDay(
      Connection connection,
      long now,
      long first,
      int days,
      Map<Severity, long[]> opened,
      Map<Severity, long[]> fixed)
      throws SQLException {
    String firstDay = day("f.first_seen");
    // Two ranges of the findings' state: the open ones, and those fixed since the first day. One
    // fixed before the first day counts in and out before it, so it is left out, and the pass
    // reads the open and recent findings rather than all history. As two ranges on fixed_at, each
    // is read from an index alone on PostgreSQL (finding_open_oldest, finding_open_by_age).
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT severity, opened_on, fixed_on, COUNT(*) FROM ("
                + "SELECT f.severity AS severity, "
                + firstDay
                + " AS opened_on, CAST(NULL AS BIGINT) AS fixed_on FROM finding f"
                + " WHERE f.fixed_at IS NULL AND f.first_seen <= ?"
                + " UNION ALL SELECT f.severity, "
                + firstDay
                + ", CASE WHEN f.fixed_at > ? THEN NULL ELSE "
                + day("f.fixed_at")
                + " END FROM finding f WHERE f.fixed_at >= ? AND f.first_seen <= ?) d"
                + " GROUP BY severity, opened_on, fixed_on")) {
      select.setLong(1, now);
      select.setLong(2, now);
      select.setLong(3, first * DAY_MILLIS);
      select.setLong(4, now);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Severity severity = Severity.valueOf(rows.getString(1));
          long count = rows.getLong(4);
          opened.get(severity)[index(rows.getLong(2), first, days)] += count;
          long fixedOn = rows.getLong(3);
          if (!rows.wasNull()) {
            fixed.get(severity)[index(fixedOn, first, days)] += count;
          }
        }
      }
    }
  }

  private static String day(String column) {
    return "(" + column + " / " + DAY_MILLIS + ")";
  }

  private static int index(long day, long first, int days) {
    return (int) Math.max(0, Math.min(days, day - first + 1));
  }
}
