package dev.portcullis.analyzer.php;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Unparsable;
import dev.portcullis.analyzer.php.ComposerJson.Entries;
import dev.portcullis.analyzer.php.ComposerJson.ShapeException;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Composer installed into a vendor directory, from its {@code vendor/composer/installed.json}:
 * Composer 2's {@code {"packages": [...], "dev-package-names": [...]}} (dev packages marked
 * development-only) and Composer 1's bare array of packages. Trivy reads only the first shape.
 */
public final class ComposerInstalledAnalyzer implements Analyzer {

  static final long MAX_SIZE = 32L * 1024 * 1024;

  @Override
  public String type() {
    return "composer-installed";
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
    // The vendor directory can be renamed (config.vendor-dir); its composer/ directory cannot.
    return (path.equals("composer/installed.json") || path.endsWith("/composer/installed.json"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    List<Package> installed = new ArrayList<>();
    Set<String> dev = new HashSet<>();
    int unnamed = 0;
    try (JsonParser parser = ComposerJson.open(input.content())) {
      JsonToken first = ComposerJson.start(parser);
      if (first == JsonToken.START_ARRAY) {
        Entries entries = ComposerJson.packages(parser, "the file", input.path());
        installed.addAll(entries.packages());
        unnamed = entries.unnamed();
      } else if (first == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String member = parser.currentName();
          parser.nextToken();
          if (member.equals("packages")) {
            Entries entries = ComposerJson.packages(parser, member, input.path());
            installed.addAll(entries.packages());
            unnamed += entries.unnamed();
          } else if (member.equals("dev-package-names")) {
            dev.addAll(ComposerJson.names(parser));
          } else {
            parser.skipChildren();
          }
        }
      } else {
        throw new ShapeException("the top level is neither an object nor an array");
      }
    } catch (JsonProcessingException e) {
      return AnalysisResult.ofWarning(
          type(), input.path(), Unparsable.warning(input.path(), "JSON", e));
    } catch (ShapeException e) {
      return AnalysisResult.ofWarning(
          type(),
          input.path(),
          "/" + input.path() + ": not a Composer installed.json: " + e.getMessage());
    }
    List<Package> packages =
        installed.stream().map(p -> dev.contains(p.name()) ? p.asDevelopmentOnly() : p).toList();
    List<String> warnings = new ArrayList<>();
    if (unnamed > 0) {
      warnings.add(
          "/" + input.path() + ": " + unnamed + " packages without name or version were skipped");
    }
    return new AnalysisResult(type(), input.path(), null, packages, Map.of(), warnings);
  }
}
