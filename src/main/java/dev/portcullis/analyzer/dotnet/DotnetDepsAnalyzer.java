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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code *.deps.json} the .NET SDK writes beside every application and shared framework: each
 * {@code "package"} library of its {@code libraries} map is a NuGet package, keyed {@code
 * name/version}. Projects (the application itself, its sibling projects) are not packages; a
 * self-contained application's bundled runtime ({@code "runtimepack"}) is, under the name NuGet and
 * the advisories give it.
 *
 * <p>A package that the runtime target lists without runtime, native or RID-specific assets is
 * needed to build, not to run (analyzers, meta-packages, packages the shared framework supersedes):
 * it is kept, as Trivy kept it before 0.54, but marked development-only, which is why newer Trivy
 * leaves it out.
 */
public final class DotnetDepsAnalyzer implements Analyzer {

  static final long MAX_SIZE = 16L * 1024 * 1024;
  private static final String RUNTIME_PACK_PREFIX = "runtimepack.";

  @Override
  public String type() {
    return "dotnet-deps";
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
    return path.endsWith(".deps.json");
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    DepsFile deps = new DepsFile();
    try (JsonParser parser = StreamedJson.open(input.content())) {
      StreamedJson.startObject(parser);
      StreamedJson.members(parser, "the file", deps::readMember);
    } catch (JsonProcessingException e) {
      return AnalysisResult.ofWarning(
          type(), input.path(), Unparsable.warning(input.path(), "JSON", e));
    } catch (ShapeException e) {
      return AnalysisResult.ofWarning(
          type(), input.path(), "/" + input.path() + ": not a .deps.json file: " + e.getMessage());
    }
    return deps.result(type(), input.path());
  }

  /** The parts of a deps.json that name packages, in whatever order the file has them. */
  private static final class DepsFile {
    private String runtimeTarget;

    /** Per target, per library key: whether the target loads assets of it at run time. */
    private final Map<String, Map<String, Boolean>> targets = new HashMap<>();

    /** Library key ("Newtonsoft.Json/13.0.1") to its type ("package", "project" …). */
    private final Map<String, String> libraries = new LinkedHashMap<>();

    void readMember(String name, JsonParser parser) throws IOException, ShapeException {
      switch (name) {
        case "runtimeTarget" -> {
          JsonNode node = StreamedJson.tree(parser);
          runtimeTarget = node.path("name").isTextual() ? node.path("name").asText() : null;
        }
        case "targets" -> StreamedJson.members(parser, "targets", this::readTarget);
        case "libraries" -> StreamedJson.members(parser, "libraries", this::readLibrary);
        default -> StreamedJson.skip(parser);
      }
    }

    private void readTarget(String target, JsonParser parser) throws IOException, ShapeException {
      Map<String, Boolean> assets = new HashMap<>();
      StreamedJson.members(
          parser,
          "target " + StreamedJson.excerpt(target),
          (library, p) -> {
            JsonNode entry = StreamedJson.tree(p);
            if (entry.isObject()) {
              assets.put(library, hasRuntimeAssets(entry));
            }
          });
      targets.put(target, assets);
    }

    private void readLibrary(String library, JsonParser parser) throws IOException {
      JsonNode type = StreamedJson.tree(parser).path("type");
      libraries.put(library, type.isTextual() ? type.asText() : "");
    }

    private static boolean hasRuntimeAssets(JsonNode library) {
      return present(library.get("runtime"))
          || present(library.get("runtimeTargets"))
          || present(library.get("native"));
    }

    private static boolean present(JsonNode node) {
      return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty());
    }

    AnalysisResult result(String analyzer, String path) {
      Map<String, Boolean> runtime =
          runtimeTarget == null ? Map.of() : targets.getOrDefault(runtimeTarget, Map.of());
      List<Package> packages = new ArrayList<>();
      int unnamed = 0;
      String firstUnnamed = null;
      for (Map.Entry<String, String> library : libraries.entrySet()) {
        String type = library.getValue().toLowerCase(Locale.ROOT);
        if (!type.equals("package") && !type.equals("runtimepack")) {
          continue;
        }
        String key = library.getKey();
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
          if (unnamed++ == 0) {
            firstUnnamed = key;
          }
          continue;
        }
        String name = key.substring(0, slash);
        if (type.equals("runtimepack") && name.startsWith(RUNTIME_PACK_PREFIX)) {
          name = name.substring(RUNTIME_PACK_PREFIX.length());
        }
        Package pkg = Package.library("nuget", name, key.substring(slash + 1), path);
        packages.add(Boolean.FALSE.equals(runtime.get(key)) ? pkg.asDevelopmentOnly() : pkg);
      }
      List<String> warnings = new ArrayList<>();
      if (unnamed > 0) {
        warnings.add(
            "/"
                + path
                + ": "
                + unnamed
                + " libraries not named as name/version were skipped (first: \""
                + StreamedJson.excerpt(firstUnnamed)
                + "\")");
      }
      return new AnalysisResult(analyzer, path, null, packages, Map.of(), warnings);
    }
  }
}
