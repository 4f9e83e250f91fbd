package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Installed Node.js packages: the {@code package.json} of each package in a {@code node_modules}
 * directory, as npm, yarn and pnpm install them. A {@code package.json} elsewhere is a project's
 * own manifest, not an installed package, and one without name and version (the {@code
 * {"type":"module"}} files inside packages) names none.
 */
public final class NodeModulesAnalyzer implements Analyzer {

  /** Manifests are small; some old installs copied the readme into them. */
  static final long MAX_SIZE = 8L * 1024 * 1024;

  @Override
  public String type() {
    return "node-pkg";
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
    return NpmCoordinates.fileName(path).equals("package.json")
        && NpmCoordinates.insideNodeModules(path);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Manifest manifest = new Manifest();
    try (JsonParser parser = NpmJson.parser(input.content(), MAX_SIZE)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return warning(input, "not a package manifest (a JSON object)");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        manifest.read(field, parser);
      }
    } catch (JacksonException e) {
      Findings findings = new Findings(type(), input.path());
      findings.unreadable("JSON", e);
      return findings.result();
    }
    if (blank(manifest.name) || blank(manifest.version)) {
      return AnalysisResult.ofPackages(type(), input.path(), List.of());
    }
    if (!NpmCoordinates.isName(manifest.name) || !NpmCoordinates.isVersion(manifest.version)) {
      return warning(
          input,
          Findings.printable("\"" + manifest.name + "@" + manifest.version + "\"")
              + " is not an npm package and version");
    }
    Package installed =
        Package.library("npm", manifest.name, manifest.version, input.path())
            .withAuthorship(manifest.author, manifest.license());
    return AnalysisResult.ofPackages(type(), input.path(), List.of(installed));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private AnalysisResult warning(AnalysisInput input, String problem) {
    return AnalysisResult.ofWarning(type(), input.path(), "/" + input.path() + ": " + problem);
  }

  /** The fields of a manifest this analyzer reads; values of another type are left out. */
  private static final class Manifest {
    String name;
    String version;
    String author;
    final List<String> licenses = new ArrayList<>();

    void read(String field, JsonParser parser) throws IOException {
      switch (field) {
        case "name" -> name = NpmJson.text(parser);
        case "version" -> version = NpmJson.text(parser);
        case "author" -> author = person(parser);
        // "MIT", or the older {"type": "MIT", "url": …} and "licenses": [{"type": …}, …].
        case "license" -> licenses.add(0, licence(parser));
        case "licenses" -> {
          if (parser.currentToken() == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              licenses.add(licence(parser));
            }
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }

    String license() {
      // Packages that moved to "license" often kept the old "licenses" too, naming the same one.
      List<String> named =
          licenses.stream().filter(l -> l != null && !l.isBlank()).distinct().toList();
      return named.isEmpty() ? null : String.join(" OR ", named);
    }

    /** "Name <email> (url)", or {"name": …, "email": …}. */
    private static String person(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        return NpmJson.text(parser);
      }
      String name = null;
      String email = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "name" -> name = NpmJson.text(parser);
          case "email" -> email = NpmJson.text(parser);
          default -> parser.skipChildren();
        }
      }
      return name == null || email == null ? name : name + " <" + email + ">";
    }

    private static String licence(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        return NpmJson.text(parser);
      }
      String type = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("type")) {
          type = NpmJson.text(parser);
        } else {
          parser.skipChildren();
        }
      }
      return type;
    }
  }
}
