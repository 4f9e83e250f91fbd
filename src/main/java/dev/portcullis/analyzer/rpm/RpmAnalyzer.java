package dev.portcullis.analyzer.rpm;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Stanzas;
import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Red Hat family packages from the SQLite rpm database (Fedora 33+, RHEL 9, Amazon Linux 2023). The
 * older Berkeley DB and NDB formats are recognised and reported as not supported.
 */
public final class RpmAnalyzer implements Analyzer {

  private static final Set<String> SQLITE =
      Set.of("var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite");
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "var/lib/rpm/Packages",
          "var/lib/rpm/Packages.db",
          "usr/lib/sysimage/rpm/Packages",
          "usr/lib/sysimage/rpm/Packages.db");

  private final int maxPackages;

  public RpmAnalyzer() {
    this(Stanzas.Bounds.defaults().maxStanzas());
  }

  /**
   * @param maxPackages records read from one database, as for the other package databases
   */
  public RpmAnalyzer(int maxPackages) {
    this.maxPackages = maxPackages;
  }

  @Override
  public String type() {
    return "rpm";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public boolean required(String path, long size) {
    return SQLITE.contains(path) || UNSUPPORTED.contains(path);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    if (UNSUPPORTED.contains(input.path())) {
      String format = input.path().endsWith(".db") ? "NDB" : "Berkeley DB";
      return AnalysisResult.ofWarning(
          type(),
          input.path(),
          "rpm database /"
              + input.path()
              + " is in the "
              + format
              + " format, which Portcullis does not read yet; its packages are not listed");
    }
    // SQLite needs a file; this one database file (not the layer) is copied to a private temp file.
    Path copy = Files.createTempFile("portcullis-rpmdb-", ".sqlite");
    try {
      Files.copy(input.content(), copy, StandardCopyOption.REPLACE_EXISTING);
      return readPackages(copy, input.path());
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private AnalysisResult readPackages(Path database, String path) throws InputException {
    List<Package> packages = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int rowsRead = 0;
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:file:" + database + "?immutable=1");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT blob FROM Packages")) {
      while (rows.next()) {
        if (++rowsRead > maxPackages) {
          warnings.add(
              "rpm database /"
                  + path
                  + ": more than "
                  + maxPackages
                  + " records, the limit for one package database; the rest were not read");
          break;
        }
        Package pkg = toPackage(RpmHeader.parse(rows.getBytes(1)), path);
        if (pkg != null) {
          packages.add(pkg);
        }
      }
    } catch (SQLException | IllegalArgumentException e) {
      throw new InputException("rpm database /" + path + ": " + e.getMessage(), e);
    }
    return new AnalysisResult(type(), path, null, packages, Map.of(), warnings);
  }

  static Package toPackage(RpmHeader header, String path) {
    String name = header.string(RpmHeader.NAME);
    if (name == null || name.equals("gpg-pubkey")) {
      return null;
    }
    Integer epoch = header.int32(RpmHeader.EPOCH);
    String version = evr(epoch, header.string(RpmHeader.VERSION), header.string(RpmHeader.RELEASE));
    String sourceName = name;
    String sourceVersion = version;
    String sourceRpm = header.string(RpmHeader.SOURCERPM);
    if (sourceRpm != null && !sourceRpm.equals("(none)")) {
      String stem = sourceRpm.replaceFirst("\\.(no)?src\\.rpm$", "");
      int releaseDash = stem.lastIndexOf('-');
      int versionDash = releaseDash < 0 ? -1 : stem.lastIndexOf('-', releaseDash - 1);
      if (versionDash > 0) {
        sourceName = stem.substring(0, versionDash);
        sourceVersion =
            evr(
                epoch,
                stem.substring(versionDash + 1, releaseDash),
                stem.substring(releaseDash + 1));
      }
    }
    return new Package(
        "rpm",
        name,
        version,
        header.string(RpmHeader.ARCH),
        sourceName,
        sourceVersion,
        header.string(RpmHeader.VENDOR),
        header.string(RpmHeader.LICENSE),
        path,
        null,
        null,
        files(header),
        null,
        false,
        null,
        null);
  }

  private static String evr(Integer epoch, String version, String release) {
    String vr = release == null || release.isEmpty() ? version : version + "-" + release;
    return epoch == null || epoch == 0 ? vr : epoch + ":" + vr;
  }

  private static List<String> files(RpmHeader header) {
    List<String> basenames = header.stringArray(RpmHeader.BASENAMES);
    List<String> dirnames = header.stringArray(RpmHeader.DIRNAMES);
    int[] dirIndexes = header.int32Array(RpmHeader.DIRINDEXES);
    List<String> files = new ArrayList<>(basenames.size());
    for (int i = 0; i < basenames.size() && i < dirIndexes.length; i++) {
      int dir = dirIndexes[i];
      if (dir >= 0 && dir < dirnames.size()) {
        files.add(dirnames.get(dir) + basenames.get(i));
      }
    }
    return files;
  }
}
