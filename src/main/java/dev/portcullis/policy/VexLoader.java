package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.files.UserFiles;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads VEX documents, OpenVEX (0.0.1 and 0.2.0) and CycloneDX VEX, into suppressions: a statement
 * that a product is {@code not_affected} (or {@code fixed}, or a CycloneDX {@code false_positive})
 * suppresses the vulnerability in the packages it names, and the report shows the statement.
 * Statements that only name the image apply to every package in it.
 */
public final class VexLoader {

  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final Set<String> OPENVEX_SUPPRESSING = Set.of("not_affected", "fixed");
  private static final Set<String> CYCLONEDX_SUPPRESSING =
      Set.of("not_affected", "false_positive", "resolved");

  public List<VulnerabilityException> load(Path file) throws IOException {
    JsonNode document =
        Json.tree(UserFiles.read(file, MAX_BYTES, "a VEX document"), file.toString());
    if (document.has("statements")) {
      return openVex(file, document);
    }
    if ("CycloneDX".equals(document.path("bomFormat").asText())
        && document.has("vulnerabilities")) {
      return cycloneDx(file, document);
    }
    throw new InputException(
        file
            + ": neither an OpenVEX document nor a CycloneDX VEX (no statements or vulnerabilities)");
  }

  private static List<VulnerabilityException> openVex(Path file, JsonNode document)
      throws InputException {
    String author = document.path("author").asText("(no author)");
    List<VulnerabilityException> suppressions = new ArrayList<>();
    JsonNode statements = document.path("statements");
    for (int i = 0; i < statements.size(); i++) {
      JsonNode statement = statements.get(i);
      String status = statement.path("status").asText();
      String vulnerability =
          statement.path("vulnerability").isTextual()
              ? statement.path("vulnerability").asText()
              : statement.path("vulnerability").path("name").asText(null);
      if (vulnerability == null || vulnerability.isBlank()) {
        throw new InputException(file + ": statements[" + i + "] names no vulnerability");
      }
      if (!OPENVEX_SUPPRESSING.contains(status)) {
        continue;
      }
      String reason =
          "VEX "
              + status
              + (statement.hasNonNull("justification")
                  ? ": " + statement.get("justification").asText()
                  : "")
              + (statement.hasNonNull("impact_statement")
                  ? " — " + statement.get("impact_statement").asText()
                  : "");
      List<String> purls = new ArrayList<>();
      for (JsonNode product : statement.path("products")) {
        JsonNode subcomponents = product.path("subcomponents");
        if (subcomponents.isArray() && !subcomponents.isEmpty()) {
          subcomponents.forEach(
              s -> purls.add(s.isTextual() ? s.asText() : s.path("@id").asText()));
        } else {
          purls.add(product.isTextual() ? product.asText() : product.path("@id").asText());
        }
      }
      add(suppressions, vulnerability, reason, author, purls, file + ": statements[" + i + "]");
    }
    return suppressions;
  }

  private static List<VulnerabilityException> cycloneDx(Path file, JsonNode document)
      throws InputException {
    String author =
        document.path("metadata").path("authors").path(0).path("name").asText("(no author)");
    List<VulnerabilityException> suppressions = new ArrayList<>();
    JsonNode vulnerabilities = document.path("vulnerabilities");
    for (int i = 0; i < vulnerabilities.size(); i++) {
      JsonNode vulnerability = vulnerabilities.get(i);
      String id = vulnerability.path("id").asText(null);
      if (id == null || id.isBlank()) {
        throw new InputException(file + ": vulnerabilities[" + i + "] has no id");
      }
      JsonNode analysis = vulnerability.path("analysis");
      String state = analysis.path("state").asText();
      if (!CYCLONEDX_SUPPRESSING.contains(state)) {
        continue;
      }
      String reason =
          "VEX "
              + state
              + (analysis.hasNonNull("justification")
                  ? ": " + analysis.get("justification").asText()
                  : "")
              + (analysis.hasNonNull("detail") ? " — " + analysis.get("detail").asText() : "");
      List<String> purls = new ArrayList<>();
      vulnerability.path("affects").forEach(a -> purls.add(a.path("ref").asText()));
      add(suppressions, id, reason, author, purls, file + ": vulnerabilities[" + i + "]");
    }
    return suppressions;
  }

  /** Package purls scope the suppression; an image (pkg:oci/…) or nothing means the whole scan. */
  private static void add(
      List<VulnerabilityException> into,
      String id,
      String reason,
      String author,
      List<String> products,
      String origin) {
    List<String> packages =
        products.stream().filter(p -> p.startsWith("pkg:") && !p.startsWith("pkg:oci/")).toList();
    if (packages.isEmpty()) {
      into.add(new VulnerabilityException(id, reason, author, null, null, origin));
      return;
    }
    for (String purl : packages) {
      into.add(
          new VulnerabilityException(
              id,
              reason,
              author,
              null,
              new VulnerabilityException.Scope(purl, null, null, null),
              origin));
    }
  }
}
