package dev.portcullis.analyzer.os;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.OsRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies the operating system from os-release and the distributions' own release files. Which
 * file wins when several are present is decided after the layers are merged, by {@link #PRIORITY}.
 */
public final class OsReleaseAnalyzer implements Analyzer {

  /** The files read, most authoritative first. */
  public static final List<String> PRIORITY =
      List.of(
          "etc/os-release",
          "usr/lib/os-release",
          "etc/alpine-release",
          "etc/redhat-release",
          "etc/centos-release",
          "etc/fedora-release",
          "etc/rocky-release",
          "etc/almalinux-release",
          "etc/system-release",
          "etc/debian_version");

  private static final long MAX_SIZE = 64 * 1024;
  private static final Pattern RELEASE_LINE =
      Pattern.compile(
          "^(.*?)\\s+(?:Linux\\s+)?release\\s+([0-9][0-9.]*)", Pattern.CASE_INSENSITIVE);

  @Override
  public String type() {
    return "os-release";
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
    return PRIORITY.contains(path);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String text = new String(input.content().readNBytes((int) MAX_SIZE), StandardCharsets.UTF_8);
    OsRelease os =
        switch (input.path()) {
          case "etc/os-release", "usr/lib/os-release" -> fromOsRelease(text, input.path());
          case "etc/alpine-release" ->
              new OsRelease(
                  "alpine", firstLine(text), "Alpine Linux " + firstLine(text), input.path());
          case "etc/debian_version" ->
              new OsRelease(
                  "debian", firstLine(text), "Debian GNU/Linux " + firstLine(text), input.path());
          default -> fromRedHatRelease(firstLine(text), input.path());
        };
    return os == null
        ? AnalysisResult.ofWarning(
            type(), input.path(), "could not read an operating system from /" + input.path())
        : AnalysisResult.ofOs(type(), input.path(), os);
  }

  static OsRelease fromOsRelease(String text, String path) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
      }
    }
    String id = fields.get("ID");
    if (id == null || id.isEmpty()) {
      return null;
    }
    return new OsRelease(
        id.toLowerCase(Locale.ROOT),
        fields.getOrDefault("VERSION_ID", ""),
        fields.getOrDefault("PRETTY_NAME", id),
        path);
  }

  static OsRelease fromRedHatRelease(String line, String path) {
    Matcher m = RELEASE_LINE.matcher(line);
    if (!m.find()) {
      return null;
    }
    String distro = m.group(1).toLowerCase(Locale.ROOT);
    String family;
    if (distro.startsWith("red hat")) {
      family = "rhel";
    } else if (distro.startsWith("centos")) {
      family = "centos";
    } else if (distro.startsWith("fedora")) {
      family = "fedora";
    } else if (distro.startsWith("rocky")) {
      family = "rocky";
    } else if (distro.startsWith("almalinux")) {
      family = "almalinux";
    } else if (distro.startsWith("amazon")) {
      family = "amzn";
    } else if (distro.startsWith("oracle")) {
      family = "ol";
    } else {
      family = distro.split("\\s+")[0];
    }
    return new OsRelease(family, m.group(2), line.strip(), path);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1).replace("\\\"", "\"");
    }
    return value;
  }
}
