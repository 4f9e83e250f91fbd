package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Origin;
import dev.portcullis.match.Finding;
import java.util.Comparator;
import java.util.List;

/** How the base image is named in text reports: the table's heading line, SARIF's messages. */
final class AttributionText {

  private AttributionText() {}

  /**
   * "Base image: debian:12-slim@sha256:… (annotation), layers 0-2", "Base image (a guess from the
   * history): layers 0-1", "Base image: none (FROM scratch; dockerfile)" or "Base image: unknown
   * (why)".
   */
  static String line(Attribution a) {
    if (!a.isKnown()) {
      return "Base image: unknown (" + a.unknownReason() + ")";
    }
    int layers = a.baseDiffIds().size();
    String which = layers == 0 ? "no layers" : layers == 1 ? "layer 0" : "layers 0-" + (layers - 1);
    if (a.isGuess()) {
      return "Base image (a guess from the history): " + which;
    }
    if (layers == 0) {
      return "Base image: none, built FROM " + a.baseImage() + " (" + a.method().label() + ")";
    }
    return "Base image: " + a.describeBase() + " (" + a.method().label() + "), " + which;
  }

  /**
   * "Newer base image: HOST/base:1.1@sha256:… fixes 1 of the base image's 2 findings", or why no
   * newer base is known.
   */
  static String updateLine(BaseImageUpdate update, ScanReport report) {
    if (!update.found()) {
      return "Newer base image: none (" + update.problem() + ")";
    }
    List<Finding> base = fromBase(report);
    long fixed = base.stream().filter(update::fixes).count();
    return "Newer base image: "
        + update.image()
        + "@"
        + update.digest()
        + " fixes "
        + fixed
        + " of the base image's "
        + base.size()
        + " findings";
  }

  /** The table's ORIGIN cell: "base", "base, fixed in 1.1", "application", "unknown". */
  static String originCell(ScanReport report, Finding finding) {
    Origin origin = report.inventory().originOf(finding.pkg());
    BaseImageUpdate update = report.baseImageUpdate();
    if (origin == Origin.BASE && update != null && update.fixes(finding)) {
      return "base, fixed in " + update.tag();
    }
    return origin.label();
  }

  /**
   * "base image debian:12-slim@sha256:…: 14 (11 fixed by updating to 12.8-slim); application: 3",
   * and where there are any, "; unknown: N".
   */
  static String summary(ScanReport report) {
    Attribution a = report.inventory().attribution();
    List<Finding> reported = report.gate().reported();
    List<Finding> base = fromBase(report);
    long application =
        reported.stream()
            .filter(f -> report.inventory().originOf(f.pkg()) == Origin.APPLICATION)
            .count();
    long unknown = reported.size() - base.size() - application;
    if (!a.isKnown()) {
      return "origin unknown: " + reported.size() + " (the base image is unknown, see above)";
    }
    StringBuilder line = new StringBuilder();
    if (!a.baseDiffIds().isEmpty()) {
      line.append(
              a.isGuess()
                  ? "base image (a guess from the history)"
                  : "base image " + a.describeBase())
          .append(": ")
          .append(base.size());
      BaseImageUpdate update = report.baseImageUpdate();
      if (update != null && update.found()) {
        line.append(" (")
            .append(base.stream().filter(update::fixes).count())
            .append(" fixed by updating to ")
            .append(update.tag())
            .append(")");
      }
      line.append("; ");
    }
    line.append("application: ").append(application);
    if (unknown > 0) {
      line.append("; unknown: ").append(unknown);
    }
    return line.toString();
  }

  /** The reported findings, the base image's first, then the application's, then unknown. */
  static List<Finding> byOrigin(ScanReport report) {
    return report.gate().reported().stream()
        .sorted(Comparator.comparing(f -> report.inventory().originOf(f.pkg())))
        .toList();
  }

  private static List<Finding> fromBase(ScanReport report) {
    return report.gate().reported().stream()
        .filter(f -> report.inventory().originOf(f.pkg()) == Origin.BASE)
        .toList();
  }
}
