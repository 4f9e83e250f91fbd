package dev.portcullis.analyzer.ruby;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bundler's {@code Gemfile.lock} (or {@code gems.locked}): the gems of the {@code specs:} of every
 * source section (GEM, GIT, PATH, PLUGIN SOURCE), one {@code name (version)} per line indented by
 * four spaces. A platform-specific gem ({@code nokogiri (1.16.0-x86_64-linux)}) is the gem at its
 * version; locked for several platforms, it is listed once. The lockfile does not say which Gemfile
 * groups a gem belongs to, so no gem is marked development-only.
 */
public final class GemfileLockAnalyzer implements Analyzer {

  static final long MAX_SIZE = 8L * 1024 * 1024;
  private static final Set<String> SOURCES = Set.of("GEM", "GIT", "PATH", "PLUGIN SOURCE");
  private static final Set<String> KNOWN_SECTIONS =
      Set.of(
          "GEM",
          "GIT",
          "PATH",
          "PLUGIN SOURCE",
          "PLATFORMS",
          "DEPENDENCIES",
          "RUBY VERSION",
          "BUNDLED WITH",
          "CHECKSUMS");

  @Override
  public String type() {
    return "bundler";
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
    String name = path.substring(path.lastIndexOf('/') + 1);
    return (name.equals("Gemfile.lock") || name.equals("gems.locked"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
    Map<String, Package> gems = new LinkedHashMap<>();
    boolean lockfile = false;
    boolean specs = false;
    String section = null;
    int malformed = 0;
    String firstMalformed = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      int indent = indentation(line);
      if (indent == 0) {
        section = line.strip();
        lockfile |= KNOWN_SECTIONS.contains(section);
        specs = false;
      } else if (indent == 2 && SOURCES.contains(section)) {
        specs = line.strip().equals("specs:");
      } else if (indent == 4 && specs) {
        Package gem = gem(line.strip(), input.path());
        if (gem == null) {
          if (malformed++ == 0) {
            firstMalformed = line.strip();
          }
        } else {
          gems.putIfAbsent(gem.name() + '\u0000' + gem.version(), gem);
        }
      }
    }
    if (!lockfile) {
      return AnalysisResult.ofWarning(
          type(), input.path(), "/" + input.path() + ": not a Gemfile.lock (no Bundler section)");
    }
    List<String> warnings = new ArrayList<>();
    if (malformed > 0) {
      warnings.add(
          "/"
              + input.path()
              + ": "
              + malformed
              + " spec lines are not \"name (version)\" and were skipped (first: \""
              + (firstMalformed.length() > 80
                  ? firstMalformed.substring(0, 80) + "…"
                  : firstMalformed)
              + "\")");
    }
    return new AnalysisResult(
        type(), input.path(), null, List.copyOf(gems.values()), Map.of(), warnings);
  }

  /** "rack (2.2.8)", "nokogiri (1.16.0-x86_64-linux)"; null if the line is neither. */
  private static Package gem(String spec, String path) {
    String[] fields = spec.split("\\s+");
    if (fields.length != 2
        || fields[1].length() < 3
        || !fields[1].startsWith("(")
        || !fields[1].endsWith(")")) {
      return null;
    }
    String version = fields[1].substring(1, fields[1].length() - 1);
    // Gem versions never hold "-"; in a lockfile it starts the platform.
    int platform = version.indexOf('-');
    if (platform == 0) {
      return null;
    }
    if (platform > 0) {
      version = version.substring(0, platform);
    }
    return Package.library("gem", fields[0], version, path);
  }

  private static int indentation(String line) {
    int spaces = 0;
    while (spaces < line.length() && line.charAt(spaces) == ' ') {
      spaces++;
    }
    return spaces;
  }
}
