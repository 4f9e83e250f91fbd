package dev.portcullis.analyzer.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Poetry's {@code poetry.lock}: TOML with one {@code [[package]]} table per locked package, its
 * {@code name} and {@code version}.
 *
 * <p>Which packages only development needs, the lock says in two ways, depending on the Poetry that
 * wrote it: up to Poetry 1.4 each package has {@code category = "dev"} or {@code "main"}; from
 * Poetry 2.0 (lock-version 2.1) each has {@code groups = [...]}, and a package outside the {@code
 * main} group is for development ("Dependency groups, other than the implicit main group, must only
 * contain dependencies you need in your development process", Poetry's documentation says). Poetry
 * 1.5 to 1.8 wrote neither; only the sibling {@code pyproject.toml}'s groups and the lock's
 * dependency graph together tell, and an analyzer reads one file, so their packages are all
 * reported as runtime dependencies. Trivy reads that pyproject.toml and leaves what it finds to be
 * development packages out instead.
 *
 * @see <a
 *     href="https://github.com/python-poetry/poetry/blob/main/src/poetry/packages/locker.py">Poetry's
 *     locker, which writes the file</a>
 * @see <a href="https://python-poetry.org/docs/managing-dependencies/#dependency-groups">Poetry's
 *     dependency groups</a>
 */
public final class PoetryLockAnalyzer implements Analyzer {

  static final String FILE_NAME = "poetry.lock";

  @Override
  public String type() {
    return "poetry-lock";
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
    Lockfiles.Tables lock = Lockfiles.packageTables(type(), input, "Poetry");
    if (lock.problem() != null) {
      return lock.problem();
    }
    JsonNode tables = lock.tables();
    Lockfiles.Found found = new Lockfiles.Found();
    int malformed = 0;
    for (JsonNode table : tables) {
      String name = Lockfiles.text(table, "name");
      String version = Lockfiles.text(table, "version");
      if (name == null || version == null) {
        malformed++;
        continue;
      }
      Package pkg = Package.library("pypi", name, version, input.path());
      found.add(developmentOnly(table) ? pkg.asDevelopmentOnly() : pkg);
    }
    List<String> warnings = new ArrayList<>();
    if (malformed > 0) {
      warnings.add(
          "/"
              + input.path()
              + ": "
              + malformed
              + " [[package]] tables without a name and version were skipped");
    }
    return new AnalysisResult(type(), input.path(), null, found.list(), Map.of(), warnings);
  }

  private static boolean developmentOnly(JsonNode table) {
    if ("dev".equals(Lockfiles.text(table, "category"))) {
      return true;
    }
    JsonNode groups = table.get("groups");
    if (groups == null || !groups.isArray() || groups.isEmpty()) {
      return false;
    }
    for (JsonNode group : groups) {
      if (!group.isTextual() || group.asText().equals("main")) {
        return false;
      }
    }
    return true;
  }
}
