package dev.portcullis.analyzer;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.analyzer.java.JavaArchiveAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.python.PythonPackageAnalyzer;
import dev.portcullis.analyzer.rpm.RpmAnalyzer;
import java.util.List;

/** The analyzers a scan runs. Adding an ecosystem is adding its class here. */
public final class Analyzers {

  private Analyzers() {}

  /** Operating system identification, OS package databases, Java archives, Python distributions. */
  public static List<Analyzer> defaults() {
    return List.of(
        new OsReleaseAnalyzer(),
        new DpkgAnalyzer(),
        new ApkAnalyzer(),
        new RpmAnalyzer(),
        new JavaArchiveAnalyzer(ArchiveLimits.defaults()),
        new PythonPackageAnalyzer());
  }
}
