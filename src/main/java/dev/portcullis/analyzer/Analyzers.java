package dev.portcullis.analyzer;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.elf.ElfBinaryAnalyzer;
import dev.portcullis.analyzer.golang.GoBinaryReader;
import dev.portcullis.analyzer.golang.GoModAnalyzer;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.analyzer.java.JavaArchiveAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.python.PythonPackageAnalyzer;
import dev.portcullis.analyzer.rpm.RpmAnalyzer;
import dev.portcullis.analyzer.rust.CargoAuditableReader;
import dev.portcullis.analyzer.rust.CargoLockAnalyzer;
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
        // Go and Rust executables say what they were built from; one analyzer reads each once.
        new ElfBinaryAnalyzer(List.of(new GoBinaryReader(), new CargoAuditableReader())),
        // Rust applications ship with their Cargo.lock; Trivy reads it in images too.
        new CargoLockAnalyzer());
  }

  /** What a project directory declares in its lockfiles, and what it holds installed. */
  public static List<Analyzer> forProjects() {
    List<Analyzer> analyzers = new ArrayList<>(forImages());
    // go.mod says what a build would use, not what an image ships: projects only, as in Trivy.
    analyzers.add(new GoModAnalyzer());
    return List.copyOf(analyzers);
  }
}
