package dev.portcullis.report;

import dev.portcullis.baseimage.BaseImageChange;
import dev.portcullis.baseimage.BaseImageCheck;
import dev.portcullis.baseimage.BaseImageReport;
import dev.portcullis.baseimage.Proposal;
import dev.portcullis.image.Digest;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Base-image checks as a table for people: one row per FROM, then the changes and problems. */
final class BaseImageTableWriter implements BaseImageReportWriter {

  @Override
  public void write(BaseImageReport report, ToolInfo tool, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FROM", "STAGE", "IMAGE", "DIGEST", "UPDATE", "MAJOR", "TIER", "NOTE"});
    for (BaseImageCheck check : report.checks()) {
      rows.add(
          new String[] {
            check.from().location(),
            check.from().stage(),
            check.from().written(),
            check.current() == null ? "" : shortDigest(check.current()),
            proposal(check.update()),
            proposal(check.majorUpdate()),
            BaseImageText.tiers(check),
            BaseImageText.note(check)
          });
    }
    TextTable.print(printer, rows);
    if (!report.changes().isEmpty()) {
      printer.println();
      printer.println("Changes:");
      for (BaseImageChange change : report.changes()) {
        printer.println(
            "  "
                + change.check().from().location()
                + ": "
                + change.written()
                + " -> "
                + change.replacement()
                + " ("
                + change.reason().label()
                + (change.proposal() != null && change.proposal().delta() != null
                    ? "; vulnerabilities: " + change.proposal().delta().summary()
                    : "")
                + ")");
      }
    }
    report.outcome().forEach(printer::println);
    printer.flush();
  }

  private static String proposal(Proposal proposal) {
    if (proposal == null) {
      return "";
    }
    return proposal.image().tag()
        + (proposal.delta() == null ? "" : " (" + proposal.delta().summary() + ")");
  }

  private static String shortDigest(Digest digest) {
    return digest.algorithm() + ":" + digest.shortHex();
  }
}
