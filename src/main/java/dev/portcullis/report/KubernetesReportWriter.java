package dev.portcullis.report;

import dev.portcullis.misconfig.kubernetes.KubernetesDecision;
import java.io.IOException;
import java.io.OutputStream;

/** Writes the result of {@code portcullis lint k8s} in one format. */
public interface KubernetesReportWriter {

  void write(KubernetesDecision decision, ToolInfo tool, OutputStream out) throws IOException;

  /** The writer for a format; {@link IllegalArgumentException} for formats lint has none of. */
  static KubernetesReportWriter forFormat(ReportFormat format) {
    return switch (format) {
      case TABLE -> new KubernetesTableWriter();
      case JSON -> new KubernetesJsonWriter();
      case SARIF -> new KubernetesSarifWriter();
      default ->
          throw new IllegalArgumentException(
              "format '"
                  + format.cliName()
                  + "' is not one lint k8s writes; use table, json or sarif");
    };
  }
}
