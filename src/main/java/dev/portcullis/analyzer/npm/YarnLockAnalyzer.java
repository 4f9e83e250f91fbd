package dev.portcullis.analyzer.npm;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Yarn's {@code yarn.lock}: yarn 1's own format ({@link YarnClassicLock}) or, from yarn 2 on
 * ("berry"), YAML with a {@code __metadata} block ({@link YarnBerryLock}). Only packages from the
 * npm registry are listed; the project's workspaces, patched copies of registry packages and
 * dependencies from git, URLs or local paths are not (see the two readers).
 *
 * <p>Neither format records which packages are development-only: yarn 1 does not say which entries
 * the project asked for at all, and berry merges a workspace's dependencies and devDependencies
 * into one list. Only the project's package.json beside the lockfile knows; where the source can
 * read it (a project directory), the {@link YarnGraph} marks what only devDependencies reach.
 */
public final class YarnLockAnalyzer implements Analyzer {

  /** Lockfiles of large monorepos reach tens of megabytes; both formats are streamed. */
  static final long MAX_SIZE = 128L * 1024 * 1024;

  /** Berry writes {@code __metadata} after a two-line comment; this is far more than enough. */
  private static final int SNIFF_BYTES = 4096;

  @Override
  public String type() {
    return "yarn-lockfile";
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
    return NpmCoordinates.fileName(path).equals("yarn.lock")
        && !NpmCoordinates.insideNodeModules(path);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    InputStream content = new BufferedInputStream(NpmJson.bounded(input.content(), MAX_SIZE));
    Findings findings = new Findings(type(), input.path());
    boolean berry = isBerry(content);
    byte[] manifest =
        input.siblings().read("package.json", NodeModulesAnalyzer.MAX_SIZE).orElse(null);
    YarnGraph graph = new YarnGraph(manifest, berry);
    if (berry) {
      YarnBerryLock.read(content, findings, graph);
    } else {
      YarnClassicLock.read(content, findings, graph);
    }
    graph.flushTo(findings);
    return findings.result();
  }

  /** Whether the first line that is not a comment starts berry's {@code __metadata} block. */
  private static boolean isBerry(InputStream content) throws IOException {
    content.mark(SNIFF_BYTES);
    byte[] head = content.readNBytes(SNIFF_BYTES);
    content.reset();
    for (String line : new String(head, StandardCharsets.UTF_8).split("\r?\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        return line.startsWith("__metadata:");
      }
    }
    return false;
  }
}
