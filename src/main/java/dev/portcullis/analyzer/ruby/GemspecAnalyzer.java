package dev.portcullis.analyzer.ruby;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed gems: the {@code specifications/*.gemspec} RubyGems writes for every gem it installs
 * (under any gem directory: {@code /usr/lib/ruby/gems/3.1.0}, {@code /usr/local/bundle}, Debian's
 * {@code rubygems-integration}, the {@code default/} gems of Ruby itself). These files are
 * generated, one {@code s.attribute = literal} per line, so they are read as Trivy reads them, line
 * by line, taking the string literals of {@code name}, {@code version}, {@code license(s)} and
 * {@code authors}; nothing is evaluated.
 */
public final class GemspecAnalyzer implements Analyzer {

  static final long MAX_SIZE = 8L * 1024 * 1024;
  private static final String NEW_SPECIFICATION = "Gem::Specification.new";
  private static final Pattern VARIABLE = Pattern.compile("\\w+");
  private static final Set<String> READ =
      Set.of("name", "version", "license", "licenses", "authors");
  private static final Pattern ASSIGNMENT = Pattern.compile("^(\\w+)\\s*=(?!=)(.*)$");

  @Override
  public String type() {
    return "gemspec";
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
    return path.endsWith(".gemspec")
        && (path.startsWith("specifications/") || path.contains("/specifications/"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Map<String, String> attributes = attributes(input);
    String name = RubyStrings.first(attributes.getOrDefault("name", ""));
    String version = RubyStrings.first(attributes.getOrDefault("version", ""));
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      return AnalysisResult.ofWarning(
          type(), input.path(), "/" + input.path() + " names no gem and version");
    }
    Package pkg =
        Package.library("gem", name.strip(), version.strip(), input.path())
            .withAuthorship(joined(attributes.get("authors")), licence(attributes));
    return AnalysisResult.ofPackages(type(), input.path(), List.of(pkg));
  }

  /** The right-hand sides of the assignments read, the first of each. */
  private static Map<String, String> attributes(AnalysisInput input) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
    Map<String, String> attributes = new HashMap<>();
    String variable = null;
    String line;
    while ((line = reader.readLine()) != null) {
      line = line.strip();
      if (variable == null) {
        variable = blockVariable(line);
        continue;
      }
      if (line.startsWith(variable + ".")) {
        Matcher assignment = ASSIGNMENT.matcher(line.substring(variable.length() + 1));
        if (assignment.matches() && READ.contains(assignment.group(1))) {
          attributes.putIfAbsent(assignment.group(1), assignment.group(2));
        }
      }
    }
    return attributes;
  }

  /** "s" of "Gem::Specification.new do |s|", or null. */
  private static String blockVariable(String line) {
    int start = line.indexOf(NEW_SPECIFICATION);
    int open = start < 0 ? -1 : line.indexOf('|', start);
    int close = open < 0 ? -1 : line.indexOf('|', open + 1);
    if (close < 0) {
      return null;
    }
    String variable = line.substring(open + 1, close).strip();
    return VARIABLE.matcher(variable).matches() ? variable : null;
  }

  private static String licence(Map<String, String> attributes) {
    String licenses = joined(attributes.get("licenses"));
    return licenses != null ? licenses : joined(attributes.get("license"));
  }

  private static String joined(String expression) {
    if (expression == null) {
      return null;
    }
    List<String> values =
        RubyStrings.in(expression).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
