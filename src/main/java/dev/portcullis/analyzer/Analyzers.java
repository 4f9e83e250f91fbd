package dev.portcullis.analyzer;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.analyzer.java.JavaArchiveAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.python.PipfileLockAnalyzer;
import dev.portcullis.analyzer.python.PoetryLockAnalyzer;
import dev.portcullis.analyzer.python.PythonPackageAnalyzer;
import dev.portcullis.analyzer.python.RequirementsAnalyzer;
import dev.portcullis.analyzer.python.UvLockAnalyzer;
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
  public static List<Analyzer> forImages(ArchiveLimits javaArchives) {
    return List.of(
        new OsReleaseAnalyzer(),
        new DpkgAnalyzer(),
        new ApkAnalyzer(),
        new RpmAnalyzer(),
        new JavaArchiveAnalyzer(javaArchives),
        new PythonPackageAnalyzer());
  }

  /** What a project directory declares in its lockfiles, and what it holds installed. */
  public static List<Analyzer> forProjects(ArchiveLimits javaArchives) {
    List<Analyzer> analyzers = new ArrayList<>(forImages(javaArchives));
    // Python projects' pins: Trivy reads these in fs and repo scans only, not in images.
    analyzers.add(new RequirementsAnalyzer());
    analyzers.add(new PipfileLockAnalyzer());
    analyzers.add(new PoetryLockAnalyzer());
    analyzers.add(new UvLockAnalyzer());
    return List.copyOf(analyzers);
  }
}
