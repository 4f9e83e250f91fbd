package dev.portcullis.analyzer.apk;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.FileLists;
import dev.portcullis.analyzer.Stanzas;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alpine packages from {@code /lib/apk/db/installed}: one letter-keyed record per package. */
public final class ApkAnalyzer implements Analyzer {

  private static final String INSTALLED = "lib/apk/db/installed";

  private final Stanzas.Bounds bounds;
  private final FileLists fileLists;

  public ApkAnalyzer() {
    this(Stanzas.Bounds.defaults(), FileLists.defaults());
  }

  /**
   * @param bounds on the database's records
   * @param fileLists bounds on the installed-file names kept from the whole database
   */
  public ApkAnalyzer(Stanzas.Bounds bounds, FileLists fileLists) {
    this.bounds = bounds;
    this.fileLists = fileLists;
  }

  @Override
  public String type() {
    return "apk";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public boolean required(String path, long size) {
    return path.equals(INSTALLED);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    List<Package> packages = new ArrayList<>();
    Stanzas records = new Stanzas(input.content(), input.path(), bounds);
    FileLists.Budget files = fileLists.budget(input.path());
    Stanzas.Stanza stanza;
    while ((stanza = records.next()) != null) {
      Record record = new Record(files);
      for (String line : stanza.lines()) {
        if (line.length() >= 2 && line.charAt(1) == ':') {
          record.put(line.charAt(0), line.substring(2));
        }
      }
      record.toPackage(input.path()).ifPresent(packages::add);
    }
    List<String> warnings = new ArrayList<>(records.warnings());
    files.warning().ifPresent(warnings::add);
    return new AnalysisResult(type(), input.path(), null, packages, Map.of(), warnings);
  }

  /** The fields of one package record while it is read. */
  private static final class Record {
    private final FileLists.Budget budget;
    private String name;
    private String version;
    private String arch;
    private String origin;
    private String license;
    private String maintainer;
    private String directory = "";
    private final List<String> files = new ArrayList<>();

    Record(FileLists.Budget budget) {
      this.budget = budget;
    }

    void put(char key, String value) {
      switch (key) {
        case 'P' -> name = value;
        case 'V' -> version = value;
        case 'A' -> arch = value;
        case 'o' -> origin = value;
        case 'L' -> license = value;
        case 'm' -> maintainer = value;
        case 'F' -> directory = value;
        case 'R' -> {
          String file = "/" + (directory.isEmpty() ? value : directory + "/" + value);
          if (budget.admit(file)) {
            files.add(file);
          }
        }
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
