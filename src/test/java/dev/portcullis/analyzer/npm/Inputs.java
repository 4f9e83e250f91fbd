package dev.portcullis.analyzer.npm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** Offers hand-made files to an analyzer, as the layer walk would. */
final class Inputs {

  private Inputs() {}

  static AnalysisResult analyze(Analyzer analyzer, String path, String content) throws IOException {
    return analyze(analyzer, path, content.getBytes(StandardCharsets.UTF_8));
  }

  static AnalysisResult analyze(Analyzer analyzer, String path, byte[] content) throws IOException {
    assertThat(analyzer.required(path, content.length)).as(path).isTrue();
    return analyzer.analyze(
        new AnalysisInput(path, content.length, new ByteArrayInputStream(content)));
  }

  /** "name@version" of each package, with " (dev)" for development-only ones. */
  static Set<String> listed(AnalysisResult result) {
    Set<String> listed = new TreeSet<>();
    for (Package p : result.packages()) {
      listed.add(p.name() + "@" + p.version() + (p.dev() ? " (dev)" : ""));
    }
    return listed;
  }
}
