package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Offers one file to one analyzer, as the layer walk does, after checking that it asks for it. */
public final class AnalyzerRuns {

  private AnalyzerRuns() {}

  public static AnalysisResult analyze(Analyzer analyzer, String path, byte[] content)
      throws IOException {
    assertThat(analyzer.required(path, content.length)).as(path).isTrue();
    return analyzer.analyze(
        new AnalysisInput(path, content.length, new ByteArrayInputStream(content)));
  }

  public static AnalysisResult analyze(Analyzer analyzer, String path, String content)
      throws IOException {
    return analyze(analyzer, path, content.getBytes(StandardCharsets.UTF_8));
  }
}
