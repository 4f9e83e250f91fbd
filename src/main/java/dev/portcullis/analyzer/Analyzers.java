package dev.portcullis.analyzer;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.rpm.RpmAnalyzer;
import java.util.List;

/** The analyzers a scan runs. Adding an ecosystem is adding its class here. */
public final class Analyzers {

  private Analyzers() {}

  /** Operating system identification and OS package databases. */
  public static List<Analyzer> osPackages() {
    return List.of(
        new OsReleaseAnalyzer(), new DpkgAnalyzer(), new ApkAnalyzer(), new RpmAnalyzer());
  }
}
