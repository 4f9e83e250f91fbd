package dev.portcullis.analyzer.python;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * pip's {@code requirements.txt}: the lines that pin one version ({@link PinnedRequirement}).
 * Ranges are not versions, so they are skipped, as Trivy skips them. Like Trivy's pip analyzer this
 * reads files named exactly {@code requirements.txt} ({@code requirements-dev.txt} and {@code
 * requirements/*.txt} are only names people choose, and a directory called {@code requirements} is
 * as often a Python package); {@code -r} and {@code -c} lines are not followed, since an analyzer
 * never opens a file that another names. Whether a requirement is for development only, the file
 * does not say.
 */
public final class RequirementsAnalyzer implements Analyzer {

  static final String FILE_NAME = "requirements.txt";

  @Override
  public String type() {
    return "pip-requirements";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public long maxFileSize() {
    return Lockfiles.MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Optional<byte[]> bytes = Lockfiles.read(input);
    if (bytes.isEmpty()) {
      return Lockfiles.tooLarge(type(), input);
    }
    Lockfiles.Found found = new Lockfiles.Found();
    for (String line : logicalLines(decode(bytes.get()))) {
      PinnedRequirement.parse(line)
          .ifPresent(
              pin -> found.add(Package.library("pypi", pin.name(), pin.version(), input.path())));
    }
    return AnalysisResult.ofPackages(type(), input.path(), found.list());
  }

  /** pip reads a byte order mark, so Windows editors' UTF-16 files work; otherwise UTF-8. */
  private static String decode(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return text(bytes, 3, StandardCharsets.UTF_8);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return text(bytes, 2, StandardCharsets.UTF_16LE);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return text(bytes, 2, StandardCharsets.UTF_16BE);
    }
    return text(bytes, 0, StandardCharsets.UTF_8);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] bytes, int offset, Charset charset) {
    return new String(bytes, offset, bytes.length - offset, charset);
  }

  /**
   * Lines with their backslash continuations joined, as pip joins them: a comment line ends a
   * continuation instead of being joined.
   */
  static List<String> logicalLines(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder pending = null;
    for (String line : text.split("\\r?\\n|\\r", -1)) {
      boolean comment = line.stripLeading().startsWith("#");
      if (line.endsWith("\\") && !comment) {
        pending = pending == null ? new StringBuilder() : pending;
        pending.append(line, 0, line.length() - 1).append(' ');
      } else if (pending != null) {
        lines.add(pending.append(comment ? "" : line).toString());
        pending = null;
      } else {
        lines.add(line);
      }
    }
    if (pending != null) {
      lines.add(pending.toString());
    }
    return lines;
  }
}
