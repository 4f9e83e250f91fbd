package dev.portcullis.baseimage;

import java.util.stream.Collectors;

/** The title and message of the commit (and request) that carries base-image changes. */
public final class CommitMessages {

  private CommitMessages() {}

  /** "Update base image debian to 12.6", or "Update 3 base images". */
  public static String title(BaseImageReport report) {
    if (report.changes().size() == 1) {
      BaseImageChange change = report.changes().get(0);
      String repository = change.check().from().image().repository();
      String name = repository.substring(repository.lastIndexOf('/') + 1);
      return change.proposal() != null
          ? "Update base image " + name + " to " + change.proposal().image().tag()
          : "Pin base image " + name + " to its current digest";
    }
    return "Update " + report.changes().size() + " base images";
  }

  /** The title, then one line per change: where, old → new, why, and the vulnerability delta. */
  public static String of(BaseImageReport report) {
    return title(report)
        + "\n\n"
        + report.changes().stream().map(CommitMessages::line).collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String line(BaseImageChange change) {
    Proposal proposal = change.proposal();
    return "- "
        + change.check().from().location()
        + " ("
        + change.check().from().stage()
        + "): "
        + change.written()
        + " -> "
        + change.replacement()
        + " ("
        + change.reason().label()
        + (proposal != null && proposal.delta() != null
            ? "; vulnerabilities: " + proposal.delta().summary()
            : "")
        + ")";
  }
}
