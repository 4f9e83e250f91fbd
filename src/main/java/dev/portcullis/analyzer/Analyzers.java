package dev.portcullis.analyzer;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dotnet.DotnetDepsAnalyzer;
import dev.portcullis.analyzer.dotnet.NugetConfigAnalyzer;
import dev.portcullis.analyzer.dotnet.NugetLockAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.elf.ElfBinaryAnalyzer;
import dev.portcullis.analyzer.golang.GoBinaryReader;
import dev.portcullis.analyzer.golang.GoModAnalyzer;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.analyzer.java.JavaArchiveAnalyzer;
import dev.portcullis.analyzer.npm.NodeModulesAnalyzer;
import dev.portcullis.analyzer.npm.PackageLockAnalyzer;
import dev.portcullis.analyzer.npm.PnpmLockAnalyzer;
import dev.portcullis.analyzer.npm.YarnLockAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.analyzer.php.ComposerInstalledAnalyzer;
import dev.portcullis.analyzer.php.ComposerLockAnalyzer;
import dev.portcullis.analyzer.python.PipfileLockAnalyzer;
import dev.portcullis.analyzer.python.PoetryLockAnalyzer;
import dev.portcullis.analyzer.python.PythonPackageAnalyzer;
import dev.portcullis.analyzer.python.RequirementsAnalyzer;
import dev.portcullis.analyzer.python.UvLockAnalyzer;
import dev.portcullis.analyzer.rpm.RpmAnalyzer;
import dev.portcullis.analyzer.ruby.GemfileLockAnalyzer;
import dev.portcullis.analyzer.ruby.GemspecAnalyzer;
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
  public static List<Analyzer> forImages(ArchiveLimits javaArchives) {
    return List.of(
        new OsReleaseAnalyzer(),
        new DpkgAnalyzer(),
        new ApkAnalyzer(),
        new RpmAnalyzer(),
        new JavaArchiveAnalyzer(javaArchives),
        new PythonPackageAnalyzer(),
        // Installed gems' specifications, and Composer's record of what it put in vendor/.
        new GemspecAnalyzer(),
        new ComposerInstalledAnalyzer(),
        // .NET's deps.json is written beside the built application, so it is what ships; NuGet's
        // lock and packages.config are read in images too, as Trivy does.
        new DotnetDepsAnalyzer(),
        new NugetLockAnalyzer(),
        new NugetConfigAnalyzer(),
        // Go and Rust executables say what they were built from; one analyzer reads each once.
        new ElfBinaryAnalyzer(List.of(new GoBinaryReader(), new CargoAuditableReader())),
        // Rust applications ship with their Cargo.lock; Trivy reads it in images too.
        new CargoLockAnalyzer(),
        // What npm installed: every package.json under a node_modules directory.
        new NodeModulesAnalyzer());
  }

  /** What a project directory declares in its lockfiles, and what it holds installed. */
  public static List<Analyzer> forProjects(ArchiveLimits javaArchives) {
    List<Analyzer> analyzers = new ArrayList<>(forImages(javaArchives));
    // Lockfiles say what a build resolves: the project's truth, not an image's. Trivy reads
    // these in fs and repo scans only.
    analyzers.add(new RequirementsAnalyzer());
    analyzers.add(new PipfileLockAnalyzer());
    analyzers.add(new PoetryLockAnalyzer());
    analyzers.add(new UvLockAnalyzer());
    analyzers.add(new GemfileLockAnalyzer());
    analyzers.add(new ComposerLockAnalyzer());
    analyzers.add(new GoModAnalyzer());
    // npm, yarn and pnpm lockfiles: what the project will install. Images are judged by the
    // node_modules they hold instead.
    analyzers.add(new PackageLockAnalyzer());
    analyzers.add(new YarnLockAnalyzer());
    analyzers.add(new PnpmLockAnalyzer());
    return List.copyOf(analyzers);
  }
}
