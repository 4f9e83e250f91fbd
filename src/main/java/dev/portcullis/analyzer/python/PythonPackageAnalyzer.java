package dev.portcullis.analyzer.python;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (wheels, pip) and {@code
 * *.egg-info/PKG-INFO} or a single-file {@code *.egg-info} (setuptools, Debian's packages). Only
 * the header block is read; the long description after it is not.
 */
public final class PythonPackageAnalyzer implements Analyzer {

  private static final long MAX_SIZE = 8L * 1024 * 1024;

  @Override
  public String type() {
    return "python-metadata";
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
    return (path.endsWith(".dist-info/METADATA")
        || path.endsWith(".egg-info/PKG-INFO")
        || path.endsWith(".egg-info"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Map<String, String> headers = headers(input);
    String name = headers.get("Name");
    String version = headers.get("Version");
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      return AnalysisResult.ofWarning(
          type(), input.path(), "/" + input.path() + " names no distribution and version");
    }
    String license = headers.getOrDefault("License-Expression", headers.get("License"));
    if (license != null
        && (license.isBlank() || license.equalsIgnoreCase("UNKNOWN") || license.contains("\n"))) {
      license = null;
    }
    Package pkg =
        Package.library("pypi", name.strip(), version.strip(), input.path())
            .withAuthorship(headers.get("Author"), license);
    return AnalysisResult.ofPackages(type(), input.path(), List.of(pkg));
  }

  /** The RFC 822 header block: it ends at the first empty line, where the description starts. */
  private static Map<String, String> headers(AnalysisInput input) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
    Map<String, String> headers = new HashMap<>();
    String last = null;
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      if (Character.isWhitespace(line.charAt(0)) && last != null) {
        headers.merge(last, "\n" + line.strip(), String::concat);
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          last = line.substring(0, colon);
          headers.putIfAbsent(last, line.substring(colon + 1).strip());
        }
      }
    }
    return headers;
  }
}
