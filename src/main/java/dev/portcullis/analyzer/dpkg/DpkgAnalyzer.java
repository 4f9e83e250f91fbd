package dev.portcullis.analyzer.dpkg;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.BoundedLines;
import dev.portcullis.analyzer.FileLists;
import dev.portcullis.analyzer.Stanzas;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages: {@code /var/lib/dpkg/status}, distroless' {@code /var/lib/dpkg/status.d/*}, and
 * the installed-file lists {@code info/*.list} and {@code status.d/*.md5sums}.
 */
public final class DpkgAnalyzer implements Analyzer {

  private static final String STATUS = "var/lib/dpkg/status";
  private static final String STATUS_DIR = "var/lib/dpkg/status.d/";
  private static final String INFO_DIR = "var/lib/dpkg/info/";
  private static final Pattern SOURCE = Pattern.compile("^(\\S+)(?:\\s+\\((\\S+)\\))?$");

  private final Stanzas.Bounds bounds;
  private final FileLists fileLists;

  public DpkgAnalyzer() {
    this(Stanzas.Bounds.defaults(), FileLists.defaults());
  }

  /**
   * @param bounds on the status database and each of distroless' status.d files
   * @param fileLists bounds on one installed-file list
   */
  public DpkgAnalyzer(Stanzas.Bounds bounds, FileLists fileLists) {
    this.bounds = bounds;
    this.fileLists = fileLists;
  }

  @Override
  public String type() {
    return "dpkg";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public boolean required(String path, long size) {
    if (path.equals(STATUS)) {
      return true;
    }
    if (path.startsWith(STATUS_DIR)) {
      return path.indexOf('/', STATUS_DIR.length()) < 0;
    }
    return path.startsWith(INFO_DIR)
        && path.endsWith(".list")
        && path.indexOf('/', INFO_DIR.length()) < 0;
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String path = input.path();
    if (path.startsWith(INFO_DIR)) {
      String name = path.substring(INFO_DIR.length(), path.length() - ".list".length());
      return readFileList(input, packageName(name), false);
    }
    if (path.endsWith(".md5sums")) {
      String name = path.substring(STATUS_DIR.length(), path.length() - ".md5sums".length());
      return readFileList(input, packageName(name), true);
    }
    List<Package> packages = new ArrayList<>();
    Stanzas paragraphs = new Stanzas(input.content(), path, bounds);
    Stanzas.Stanza paragraph;
    while ((paragraph = paragraphs.next()) != null) {
      Package pkg = toPackage(ControlFileParser.fields(paragraph.lines()), path);
      if (pkg != null) {
        packages.add(pkg);
      }
    }
    return new AnalysisResult(type(), path, null, packages, Map.of(), paragraphs.warnings());
  }

  /** A package in an installed state, or null for removed, half-installed and malformed entries. */
  static Package toPackage(Map<String, String> fields, String path) {
    String name = fields.get("Package");
    String version = fields.get("Version");
    if (name == null
        || name.isEmpty()
        || version == null
        || version.isEmpty()
        || !isInstalled(fields.get("Status"))) {
      return null;
    }
    String sourceName = name;
    String sourceVersion = version;
    String source = fields.get("Source");
    if (source != null && !source.isEmpty()) {
      Matcher m = SOURCE.matcher(source);
      if (m.matches()) {
        sourceName = m.group(1);
        if (m.group(2) != null) {
          sourceVersion = m.group(2);
        }
      }
    }
    return new Package(
        "deb",
        name,
        version,
        fields.get("Architecture"),
        sourceName,
        sourceVersion,
        fields.get("Maintainer"),
        null,
        path,
        null,
        null,
        List.of(),
        null,
        false,
        null,
        null);
  }

  /**
   * dpkg's status is "want flag state"; only the state "installed" counts. Distroless' status.d
   * entries carry no Status field: they are installed by construction.
   */
  static boolean isInstalled(String status) {
    if (status == null) {
      return true;
    }
    String[] words = status.trim().split("\\s+");
    return words.length == 3 && words[2].equals("installed");
  }

  /** {@code libc6:amd64} (multi-arch list names) → {@code libc6}. */
  private static String packageName(String fileStem) {
    int colon = fileStem.indexOf(':');
    return colon < 0 ? fileStem : fileStem.substring(0, colon);
  }

  /**
   * Reads a file list, within the bounds. A {@code .list} names directories too; a line that the
   * next line extends ({@code /usr/bin} before {@code /usr/bin/tar}) is a directory and is left
   * out.
   */
  private AnalysisResult readFileList(AnalysisInput input, String packageName, boolean md5sums)
      throws IOException {
    BoundedLines lines = new BoundedLines(input.content());
    FileLists.Budget budget = fileLists.budget(input.path());
    List<String> files = new ArrayList<>();
    String previous = null;
    while (lines.advance(FileLists.MAX_NAME_BYTES + 64)) {
      String line = lines.text();
      String file = line == null ? "" : md5sums ? afterChecksum(line) : line.strip();
      if (file.isEmpty() || file.equals("/.")) {
        continue;
      }
      file = file.startsWith("/") ? file : "/" + file;
      if (md5sums) {
        if (!budget.admit(file)) {
          break;
        }
        files.add(file);
        continue;
      }
      if (previous != null && !file.startsWith(previous + "/")) {
        if (!budget.admit(previous)) {
          previous = null;
          break;
        }
        files.add(previous);
      }
      previous = file;
    }
    if (previous != null && budget.admit(previous)) {
      files.add(previous);
    }
    return new AnalysisResult(
        type(),
        input.path(),
        null,
        List.of(),
        Map.of(packageName, files),
        budget.warning().map(List::of).orElse(List.of()));
  }

  private static String afterChecksum(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? "" : line.substring(space).strip();
  }
}
