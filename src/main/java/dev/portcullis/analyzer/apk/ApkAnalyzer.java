package dev.portcullis.analyzer.apk;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Alpine packages from {@code /lib/apk/db/installed}: one letter-keyed record per package. */
public final class ApkAnalyzer implements Analyzer {

  private static final String INSTALLED = "lib/apk/db/installed";

  @Override
  public String type() {
    return "apk";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean required(String path, long size) {
    return path.equals(INSTALLED);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input.content(), StandardCharsets.UTF_8));
    List<Package> packages = new ArrayList<>();
    Record record = new Record();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        record.toPackage(input.path()).ifPresent(packages::add);
        record = new Record();
      } else if (line.length() >= 2 && line.charAt(1) == ':') {
        record.put(line.charAt(0), line.substring(2));
      }
    }
    record.toPackage(input.path()).ifPresent(packages::add);
    return AnalysisResult.ofPackages(type(), input.path(), packages);
  }

  /** The fields of one package record while it is read. */
  private static final class Record {
    private String name;
    private String version;
    private String arch;
    private String origin;
    private String license;
    private String maintainer;
    private String directory = "";
    private final List<String> files = new ArrayList<>();

    void put(char key, String value) {
      switch (key) {
        case 'P' -> name = value;
        case 'V' -> version = value;
        case 'A' -> arch = value;
        case 'o' -> origin = value;
        case 'L' -> license = value;
        case 'm' -> maintainer = value;
        case 'F' -> directory = value;
        case 'R' -> files.add("/" + (directory.isEmpty() ? value : directory + "/" + value));
        default -> {
          // checksums, sizes, dependencies: not part of the inventory
        }
      }
    }

    Optional<Package> toPackage(String path) {
      if (name == null || version == null) {
        return Optional.empty();
      }
      String source = origin == null || origin.isEmpty() ? name : origin;
      return Optional.of(
          new Package(
              "apk",
              name,
              version,
              arch,
              source,
              version,
              maintainer,
              license,
              path,
              null,
              null,
              files,
              null,
              false,
              null,
              null));
    }
  }
}
