package dev.portcullis.analyzer.golang;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.TarPaths;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Go module's {@code go.mod}: every {@code require}d module, under the module that a {@code
 * replace} directive substitutes for it, as Trivy reports it. Since Go 1.17 go.mod lists every
 * module the build needs, indirect ones marked {@code // indirect}, so go.sum adds nothing; for
 * older modules the go.sum beside it (where the source can read it: a project directory) adds the
 * modules go.mod leaves out, as Trivy does.
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

  /** Before Go 1.17 (or with no go directive), go.mod names only the direct requirements. */
  static boolean listsOnlyDirectRequirements(String goVersion) {
    String[] parts = goVersion == null ? new String[0] : goVersion.split("\\.");
    if (parts.length < 2) {
      return true;
    }
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1].replaceAll("[^0-9].*", ""));
      return major < 1 || (major == 1 && minor < 17);
    } catch (NumberFormatException e) {
      return true;
    }
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
    Set<String> listed = new HashSet<>();
    for (GoModFile.Requirement requirement : mod.effectiveRequirements()) {
      packages.add(
          Package.library("golang", requirement.path(), requirement.version(), input.path()));
      listed.add(requirement.path());
    }
    if (listsOnlyDirectRequirements(mod.goVersion())) {
      String sum = TarPaths.parent(input.path());
      String sumPath = sum.isEmpty() ? "go.sum" : sum + "/go.sum";
      Optional<byte[]> goSum = input.siblings().read("go.sum", MAX_SIZE);
      goSum.ifPresent(
          content ->
              GoSum.modules(new String(content, StandardCharsets.UTF_8)).stream()
                  .filter(module -> listed.add(module.path()))
                  .forEach(
                      module ->
                          packages.add(
                              Package.library(
                                  "golang", module.path(), module.version(), sumPath))));
    }
    List<String> warnings =
        mod.problems().stream().map(p -> "/" + input.path() + ": " + p).toList();
    return new AnalysisResult(type(), input.path(), null, packages, Map.of(), warnings);
  }
}
