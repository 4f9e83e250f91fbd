package dev.portcullis.report;

import dev.portcullis.baseimage.BaseImageChange;
import dev.portcullis.baseimage.BaseImageCheck;
import dev.portcullis.baseimage.BaseImageReport;
import dev.portcullis.baseimage.Proposal;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Markdown summary to paste into (or open as) a pull request's description: what changes, what
 * the changes buy in vulnerabilities, and what was left alone and why.
 */
public final class BaseImageMarkdownWriter implements BaseImageReportWriter {

  @Override
  public void write(BaseImageReport report, ToolInfo tool, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    printer.print(markdown(report, tool));
    printer.flush();
  }

  /** The summary as text: also the body of the pull request {@code update} opens. */
  public static String markdown(BaseImageReport report, ToolInfo tool) {
    StringBuilder md = new StringBuilder("## Base image updates\n\n");
    if (!report.changes().isEmpty()) {
      md.append("| Dockerfile | Stage | From | To | Why | Tier | Vulnerabilities |\n");
      md.append("|---|---|---|---|---|---|---|\n");
      for (BaseImageChange change : report.changes()) {
        Proposal proposal = change.proposal();
        md.append("| ")
            .append(cell(change.check().from().location()))
            .append(" | ")
            .append(cell(change.check().from().stage()))
            .append(" | `")
            .append(change.written())
            .append("` | `")
            .append(change.replacement())
            .append("` | ")
            .append(change.reason().label())
            .append(" | ")
            .append(BaseImageText.tiers(change.check()))
            .append(" | ")
            .append(
                proposal == null || proposal.delta() == null
                    ? "not scanned"
                    : cell(proposal.delta().summary()))
            .append(" |\n");
      }
      md.append('\n');
    }
    List<BaseImageCheck> majors =
        report.checks().stream()
            .filter(c -> c.majorUpdate() != null)
            .filter(
                c ->
                    report.changes().stream()
                        .noneMatch(ch -> ch.check() == c && ch.proposal() == c.majorUpdate()))
            .toList();
    if (!majors.isEmpty()) {
      md.append("Major updates available (not applied):\n\n");
      for (BaseImageCheck check : majors) {
        md.append("- ")
            .append(cell(check.from().location()))
            .append(": `")
            .append(check.from().written())
            .append("` → `")
            .append(check.majorUpdate().image().tag())
            .append('`')
            .append(
                check.majorUpdate().delta() == null
                    ? ""
                    : " (vulnerabilities: " + check.majorUpdate().delta().summary() + ")")
            .append('\n');
      }
      md.append('\n');
    }
    List<BaseImageCheck> unchecked =
        report.checks().stream().filter(c -> c.problem() != null).toList();
    if (!unchecked.isEmpty()) {
      md.append("Not checked:\n\n");
      unchecked.forEach(
          c ->
              md.append("- ")
                  .append(cell(c.from().location()))
                  .append(" `")
                  .append(c.from().written())
                  .append("`: ")
                  .append(cell(c.problem()))
                  .append('\n'));
      md.append('\n');
    }
    if (report.changes().isEmpty() && majors.isEmpty() && unchecked.isEmpty()) {
      md.append("Every base image is on its newest compatible tag.\n\n");
    }
    md.append("_").append(tool.name()).append(' ').append(tool.version()).append("_\n");
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
