package dev.portcullis.report;

import dev.portcullis.signing.oci.RegistrySignatures.Checked;
import dev.portcullis.signing.oci.SignatureReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verdict of {@code verify}: as a table for people or JSON for machines. */
public interface SignatureReportWriter {

  void write(SignatureReport report, OutputStream out) throws IOException;

  static SignatureReportWriter forFormat(ReportFormat format) {
    return switch (format) {
      case TABLE -> SignatureReportWriter::table;
      case JSON -> SignatureReportWriter::json;
      default -> throw new IllegalArgumentException("verify reports are written as table or json");
    };
  }

  private static void table(SignatureReport report, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    printer.println(report.image() + "@" + report.digest());
    if (report.signatures().isEmpty()) {
      printer.println("No signatures: the registry has no signature manifest for this digest.");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SIGNATURE LAYER", "VERDICT", "WHY"});
      for (Checked checked : report.signatures()) {
        rows.add(
            new String[] {
              checked.layer().toString(), checked.passed() ? "pass" : "fail", checked.reason()
            });
      }
      TextTable.print(printer, rows);
    }
    printer.println(
        report.passed()
            ? "Verified: a valid signature by " + report.key()
            : "Not verified: no valid signature by " + report.key());
    printer.flush();
  }

  private static void json(SignatureReport report, OutputStream out) throws IOException {
    List<Map<String, Object>> signatures = new ArrayList<>();
    for (Checked checked : report.signatures()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("layer", checked.layer().toString());
      entry.put("passed", checked.passed());
      entry.put("reason", checked.reason());
      if (checked.payload() != null) {
        entry.put("dockerReference", checked.payload().dockerReference());
        entry.put("imageDigest", checked.payload().imageDigest().toString());
        entry.put("annotations", checked.payload().annotations());
      }
      entry.put("signature", checked.signature());
      signatures.add(entry);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("image", report.image());
    document.put("digest", report.digest().toString());
    document.put("key", report.key());
    document.put("verified", report.passed());
    document.put("signatures", signatures);
    new ReportJson().write(document, out);
  }
}
