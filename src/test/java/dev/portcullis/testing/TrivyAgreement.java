package dev.portcullis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Our verdicts against Trivy's recorded ones, summed up per Trivy check in a Markdown table. */
public final class TrivyAgreement {

  /** Whether Trivy and ours report {@code check} on {@code file}. */
  public record Verdict(String file, String check, boolean trivy, boolean ours) {

    /** "file check", the key under which a test lists a known disagreement. */
    public String fileAndCheck() {
      return file + " " + check;
    }
  }

  private TrivyAgreement() {}

  /**
   * The table of agreement per Trivy check, written to {@code target/trivy-agreement-NAME.md} where
   * target/ exists.
   *
   * @param oursFor our rule or rules that stand for a Trivy check
   */
  public static String table(String name, List<Verdict> verdicts, Function<String, String> oursFor)
      throws IOException {
    Map<String, int[]> counts = new TreeMap<>();
    for (Verdict v : verdicts) {
      int[] c = counts.computeIfAbsent(v.check(), k -> new int[4]);
      c[v.trivy() && v.ours() ? 0 : v.trivy() ? 1 : v.ours() ? 2 : 3]++;
    }
    StringBuilder out =
        new StringBuilder(
            "| Trivy | ours | agree | both report | only Trivy | only ours | neither |\n"
                + "|---|---|---|---|---|---|---|\n");
    int agree = 0;
    for (var entry : counts.entrySet()) {
      int[] c = entry.getValue();
      int total = c[0] + c[1] + c[2] + c[3];
      agree += c[0] + c[3];
      out.append(
          String.format(
              "| %s | %s | %d/%d | %d | %d | %d | %d |%n",
              entry.getKey(),
              oursFor.apply(entry.getKey()),
              c[0] + c[3],
              total,
              c[0],
              c[1],
              c[2],
              c[3]));
    }
    out.append(String.format("%nAll verdicts: %d of %d agree.%n", agree, verdicts.size()));
    String table = out.toString();
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("trivy-agreement-" + name + ".md"), table);
    }
    return table;
  }
}
