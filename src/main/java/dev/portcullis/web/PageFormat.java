package dev.portcullis.web;

import dev.portcullis.tracking.FindingView;
import dev.portcullis.vulndb.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How the pages write times, deadlines, counts and links; the templates call nothing else. */
public final class PageFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private PageFormat() {}

  /** {@code 2026-12-05 14:03 UTC}; a dash for none. */
  public static String time(Instant instant) {
    return instant == null ? "–" : TIME.format(instant);
  }

  /** {@code 2026-12-05}; a dash for none. */
  public static String date(Instant instant) {
    return instant == null ? "–" : DATE.format(instant);
  }

  /** A length as people read it: {@code 3 d 4 h}, {@code 5 h 12 min}, {@code 40 s}. */
  public static String duration(Duration duration) {
    if (duration == null) {
      return "–";
    }
    long seconds = Math.abs(duration.toSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return hours > 0 ? days + " d " + hours + " h" : days + " d";
    }
    if (hours > 0) {
      return minutes > 0 ? hours + " h " + minutes + " min" : hours + " h";
    }
    return minutes > 0 ? minutes + " min" : seconds + " s";
  }

  /** The time left to a finding's deadline, or how far past it, or why it has none. */
  public static String deadline(FindingView finding, Instant now) {
    if (finding.fixedAt() != null) {
      return "fixed " + date(finding.fixedAt());
    }
    if (finding.exceptedUntil() != null && finding.exceptedUntil().isAfter(now)) {
      return "excepted until " + date(finding.exceptedUntil());
    }
    if (finding.dueAt() == null) {
      return finding.overdue() ? "overdue (next release)" : "next release";
    }
    Duration left = Duration.between(now, finding.dueAt());
    return left.isNegative()
        ? duration(left) + " overdue"
        : "due in " + duration(left) + " (" + date(finding.dueAt()) + ")";
  }

  /** Seconds to the deadline, negative past it; the table sorts on it. None sorts last. */
  public static long deadlineSortKey(FindingView finding, Instant now) {
    if (finding.dueAt() == null || finding.fixedAt() != null) {
      return Long.MAX_VALUE / 2;
    }
    return Duration.between(now, finding.dueAt()).toSeconds();
  }

  /** A severity's position for sorting: CRITICAL first. */
  public static int severityRank(Severity severity) {
    return severity.ordinal();
  }

  /** A severity as the pages label and colour it: {@code critical}. */
  public static String severityClass(Severity severity) {
    return "sev-" + severity.name().toLowerCase(Locale.ROOT);
  }

  public static long count(Map<Severity, Long> counts, Severity severity) {
    return counts.getOrDefault(severity, 0L);
  }

  /** The overdue findings of every severity. */
  public static long total(Map<Severity, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code sha256:0123456789ab}: enough to tell digests apart on a page. */
  public static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  public static String imageLink(String repository, String digest) {
    return "/ui/images/" + digest + "?repository=" + encode(repository);
  }

  /** Where an image's SBOM is downloaded. */
  public static String sbomLink(String repository, String digest) {
    return "/ui/images/" + digest + "/sbom?repository=" + encode(repository);
  }

  public static String findingLink(long id) {
    return "/ui/findings/" + id;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
