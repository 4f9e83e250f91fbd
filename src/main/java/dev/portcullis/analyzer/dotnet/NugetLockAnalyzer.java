package dev.portcullis.analyzer.dotnet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Unparsable;
import dev.portcullis.analyzer.dotnet.StreamedJson.ShapeException;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NuGet's {@code packages.lock.json}: per target framework (and runtime identifier), every package
 * restored for the project, Direct, Transitive or CentralTransitive, at its {@code resolved}
 * version. Project references are the solution's own code, not packages. A package restored for
 * several frameworks is listed once.
 */
public final class NugetLockAnalyzer implements Analyzer {

  static final long MAX_SIZE = 16L * 1024 * 1024;

  @Override
  public String type() {
    return "nuget-lock";
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
    return (path.equals("packages.lock.json") || path.endsWith("/packages.lock.json"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    LockFile lock = new LockFile(input.path());
    try (JsonParser parser = StreamedJson.open(input.content())) {
      StreamedJson.startObject(parser);
      StreamedJson.members(parser, "the file", lock::member);
    } catch (JsonProcessingException e) {
      return AnalysisResult.ofWarning(
          type(), input.path(), Unparsable.warning(input.path(), "JSON", e));
    } catch (ShapeException e) {
      return AnalysisResult.ofWarning(
          type(),
          input.path(),
          "/" + input.path() + ": not a NuGet packages.lock.json: " + e.getMessage());
    }
    List<String> warnings = new ArrayList<>();
    if (lock.unresolved > 0) {
      warnings.add(
          "/"
              + input.path()
              + ": "
              + lock.unresolved
              + " packages without a resolved version were skipped");
    }
    return new AnalysisResult(
        type(), input.path(), null, List.copyOf(lock.packages.values()), Map.of(), warnings);
  }

  /** The packages of every framework section, each name and version once. */
  private static final class LockFile {
    private final String path;
    private final Map<String, Package> packages = new LinkedHashMap<>();
    private int unresolved;

    LockFile(String path) {
      this.path = path;
    }

    void member(String name, JsonParser parser) throws IOException, ShapeException {
      if (name.equals("dependencies")) {
        StreamedJson.members(parser, "dependencies", this::framework);
      } else {
        StreamedJson.skip(parser);
      }
    }

    private void framework(String framework, JsonParser parser) throws IOException, ShapeException {
      StreamedJson.members(
          parser, "dependencies of " + StreamedJson.excerpt(framework), this::dependency);
    }

    private void dependency(String name, JsonParser parser) throws IOException {
      JsonNode entry = StreamedJson.tree(parser);
      if (entry.path("type").asText("").equals("Project")) {
        return;
      }
      JsonNode resolved = entry.path("resolved");
      if (!resolved.isTextual() || resolved.asText().isBlank()) {
        unresolved++;
        return;
      }
      String version = resolved.asText().strip();
      packages.putIfAbsent(
          name + '\u0000' + version, Package.library("nuget", name, version, path));
    }
  }
}
