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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code composer.lock}: {@code packages} are what it runs with, {@code packages-dev}
 * what it is developed with (kept, marked development-only; Trivy leaves them out). A lockfile
 * inside a {@code vendor} directory is a dependency's own, not what was installed, and is not read
 * (as Trivy does); the installed packages are in {@code vendor/composer/installed.json}.
 */
public final class ComposerLockAnalyzer implements Analyzer {

  static final long MAX_SIZE = 32L * 1024 * 1024;

  @Override
  public String type() {
    return "composer-lock";
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
    return (path.equals("composer.lock") || path.endsWith("/composer.lock"))
        && !Arrays.asList(path.split("/")).contains("vendor");
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    List<Package> packages = new ArrayList<>();
    int unnamed = 0;
    try (JsonParser parser = ComposerJson.open(input.content())) {
      if (ComposerJson.start(parser) != JsonToken.START_OBJECT) {
        throw new ShapeException("the top level is not an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        parser.nextToken();
        if (member.equals("packages") || member.equals("packages-dev")) {
          Entries entries = ComposerJson.packages(parser, member, input.path());
          for (Package pkg : entries.packages()) {
            packages.add(member.equals("packages") ? pkg : pkg.asDevelopmentOnly());
          }
          unnamed += entries.unnamed();
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      return AnalysisResult.ofWarning(
          type(), input.path(), Unparsable.warning(input.path(), "JSON", e));
    } catch (ShapeException e) {
      return AnalysisResult.ofWarning(
          type(), input.path(), "/" + input.path() + ": not a composer.lock: " + e.getMessage());
    }
    List<String> warnings = new ArrayList<>();
    if (unnamed > 0) {
      warnings.add(
          "/" + input.path() + ": " + unnamed + " packages without name or version were skipped");
    }
    return new AnalysisResult(type(), input.path(), null, packages, Map.of(), warnings);
  }
}
