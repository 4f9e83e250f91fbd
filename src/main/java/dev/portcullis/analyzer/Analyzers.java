package dev.portcullis.analyzer;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.analyzer.java.JavaArchiveAnalyzer;
import dev.portcullis.analyzer.npm.NodeModulesAnalyzer;
import dev.portcullis.analyzer.npm.PackageLockAnalyzer;
import dev.portcullis.analyzer.npm.PnpmLockAnalyzer;
import dev.portcullis.analyzer.npm.YarnLockAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.python.PythonPackageAnalyzer;
import dev.portcullis.analyzer.rpm.RpmAnalyzer;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyzers a scan runs. Adding an ecosystem is adding its class here.
 *
 * <p>Images are judged by what is installed in them (package databases, archives, installed
 * metadata); a lockfile lying in an image says what some build once resolved, not what ships, so
 * image scans leave lockfiles alone, as Trivy does. Projects are judged by their lockfiles as well.
 */
public final class Analyzers {

  private Analyzers() {}

  /** What an image or root filesystem has installed. */
  public static List<Analyzer> forImages() {
    return List.of(
        new OsReleaseAnalyzer(),
        new DpkgAnalyzer(),
        new ApkAnalyzer(),
        new RpmAnalyzer(),
        new JavaArchiveAnalyzer(ArchiveLimits.defaults()),
        new PythonPackageAnalyzer(),
        new NodeModulesAnalyzer());
  }

  /** What a project directory declares in its lockfiles, and what it holds installed. */
  public static List<Analyzer> forProjects() {
    List<Analyzer> analyzers = new ArrayList<>(forImages());
    // npm, yarn and pnpm lockfiles: what the project will install. Images are judged by the
    // node_modules they hold instead (Trivy, too, leaves these lockfiles out of image scans).
    analyzers.add(new PackageLockAnalyzer());
    analyzers.add(new YarnLockAnalyzer());
    analyzers.add(new PnpmLockAnalyzer());
    return List.copyOf(analyzers);
  }
}
