package dev.portcullis.analyzer.golang;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Go module's {@code go.mod}: every {@code require}d module, under the module that a {@code
 * replace} directive substitutes for it, as Trivy reports it. Since Go 1.17 go.mod lists every
 * module the build needs, indirect ones marked {@code // indirect}, so go.sum adds nothing; for
 * older modules Trivy also reads go.sum, which this analyzer, seeing one file at a time, does not.
 */
public final class GoModAnalyzer implements Analyzer {

  static final long MAX_SIZE = 4L * 1024 * 1024;

  @Override
  public String type() {
    return "go-mod";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public long maxFileSize() {
    return MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    return (path.equals("go.mod") || path.endsWith("/go.mod"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    byte[] bytes = input.content().readNBytes((int) MAX_SIZE + 1);
    if (bytes.length > MAX_SIZE) {
      return AnalysisResult.ofWarning(
          type(),
          input.path(),
          "/" + input.path() + " is larger than " + MAX_SIZE + " bytes and was not read");
    }
    GoModFile mod = GoModFile.parse(new String(bytes, StandardCharsets.UTF_8));
    List<Package> packages = new ArrayList<>();
    for (GoModFile.Requirement requirement : mod.effectiveRequirements()) {
      packages.add(
          Package.library("golang", requirement.path(), requirement.version(), input.path()));
    }
    List<String> warnings =
        mod.problems().stream().map(p -> "/" + input.path() + ": " + p).toList();
    return new AnalysisResult(type(), input.path(), null, packages, Map.of(), warnings);
  }
}
