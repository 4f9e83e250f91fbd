package dev.portcullis.analyzer.python;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Unparsable;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pipenv's {@code Pipfile.lock}: JSON whose {@code default} section maps each runtime package to
 * {@code {"version": "==1.2.3", …}} and whose {@code develop} section does the same for development
 * packages (marked so; Trivy leaves them out). Entries without a version are VCS, path or editable
 * installs, the project's own code rather than a release, and are skipped.
 *
 * @see <a href="https://github.com/pypa/pipfile#pipfilelock">the Pipfile.lock format</a>
 */
public final class PipfileLockAnalyzer implements Analyzer {

  static final String FILE_NAME = "Pipfile.lock";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String type() {
    return "pipfile-lock";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public long maxFileSize() {
    return Lockfiles.MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Optional<byte[]> bytes = Lockfiles.read(input);
    if (bytes.isEmpty()) {
      return Lockfiles.tooLarge(type(), input);
    }
    Lockfiles.Found found = new Lockfiles.Found();
    List<String> problems = new ArrayList<>();
    try (JsonParser parser = JSON.getFactory().createParser(bytes.get())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Lockfiles.warning(type(), input.path(), "not a Pipfile.lock (no JSON object)");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String section = parser.currentName();
        JsonToken value = parser.nextToken();
        boolean packages = section.equals("default") || section.equals("develop");
        if (packages && value == JsonToken.START_OBJECT) {
          readSection(parser, section.equals("develop"), input.path(), found, problems);
        } else {
          if (packages) {
            problems.add("\"" + section + "\" is not an object");
          }
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        problems.add("content after the JSON object was not read");
      }
    } catch (JsonProcessingException e) {
      problems.add("not valid JSON (" + Unparsable.where(e) + ")");
    }
    return new AnalysisResult(
        type(),
        input.path(),
        null,
        found.list(),
        Map.of(),
        problems.stream().map(p -> "/" + input.path() + ": " + p).toList());
  }

  private static void readSection(
      JsonParser parser, boolean dev, String path, Lockfiles.Found found, List<String> problems)
      throws IOException {
    int malformed = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      JsonNode entry = parser.readValueAsTree();
      JsonNode version = entry == null ? null : entry.get("version");
      if (entry == null || !entry.isObject() || (version != null && !version.isTextual())) {
        malformed++;
      } else if (version != null && !name.isBlank()) {
        String pinned = version.asText().replaceFirst("^===?", "").strip();
        if (!version.asText().startsWith("==") || pinned.isEmpty()) {
          malformed++;
          continue;
        }
        Package pkg = Package.library("pypi", name, pinned, path);
        found.add(dev ? pkg.asDevelopmentOnly() : pkg);
      }
    }
    if (malformed > 0) {
      problems.add(
          malformed
              + " entries of \""
              + (dev ? "develop" : "default")
              + "\" are not {\"version\": \"==…\"} objects and were skipped");
    }
  }
}
