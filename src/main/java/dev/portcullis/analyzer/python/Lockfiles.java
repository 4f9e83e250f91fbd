package dev.portcullis.analyzer.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Unparsable;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the Python lockfile analyzers share: bounded reading, TOML, warnings, one entry a pin. */
final class Lockfiles {

  /**
   * A lockfile larger than this is reported, not read. Real ones stay far below: a large project's
   * uv.lock with hashes of every wheel is a few MiB.
   */
  static final long MAX_SIZE = 16L * 1024 * 1024;

  private static final TomlMapper TOML = new TomlMapper();

  private Lockfiles() {}

  /**
   * The whole file, or empty if it is larger than {@link #MAX_SIZE}: the engine offers no file
   * declared larger (see {@code maxFileSize()}), so this guards against one that grows while read.
   */
  static Optional<byte[]> read(AnalysisInput input) throws IOException {
    if (input.size() > MAX_SIZE) {
      return Optional.empty();
    }
    byte[] bytes = input.content().readNBytes((int) MAX_SIZE + 1);
    return bytes.length > MAX_SIZE ? Optional.empty() : Optional.of(bytes);
  }

  static AnalysisResult tooLarge(String analyzer, AnalysisInput input) {
    return warning(
        analyzer,
        input.path(),
        "larger than " + MAX_SIZE / (1024 * 1024) + " MiB; it was not read");
  }

  /**
   * The {@code [[package]]} tables of a TOML lockfile, or the warning that says why there are none.
   */
  record Tables(JsonNode tables, AnalysisResult problem) {}

  /** Reads a TOML lockfile of the given kind ("Poetry", "uv") down to its package tables. */
  static Tables packageTables(String analyzer, AnalysisInput input, String kind)
      throws IOException {
    Optional<byte[]> bytes = read(input);
    if (bytes.isEmpty()) {
      return new Tables(null, tooLarge(analyzer, input));
    }
    JsonNode lock;
    try {
      lock = toml(bytes.get());
    } catch (JsonProcessingException e) {
      return new Tables(
          null, warning(analyzer, input.path(), "not valid TOML (" + Unparsable.where(e) + ")"));
    }
    JsonNode tables = lock.path("package");
    if (!tables.isArray()) {
      return new Tables(
          null,
          warning(analyzer, input.path(), "not a " + kind + " lock file (no [[package]] tables)"));
    }
    return new Tables(tables, null);
  }

  /** A result with one warning that names the file: "/path: what". */
  static AnalysisResult warning(String analyzer, String path, String what) {
    return AnalysisResult.ofWarning(analyzer, path, "/" + path + ": " + what);
  }

  /** The TOML document as a tree; nesting and string length are bounded by Jackson's defaults. */
  static JsonNode toml(byte[] bytes) throws IOException {
    return TOML.readTree(bytes);
  }

  /** The text of a field, or null if it is missing or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? value.asText().strip()
        : null;
  }

  /**
   * PEP 503's normalised name ("Foo_Bar.baz" is "foo-bar-baz"): lockfiles write one package under
   * several spellings, and this is how they are told apart.
   */
  static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  /**
   * Packages with one entry per name and version; where a lockfile lists one twice (Pipfile.lock in
   * both sections, say), the runtime one wins.
   */
  static final class Found {
    private final Map<String, Package> packages = new LinkedHashMap<>();

    void add(Package pkg) {
      String key = normalise(pkg.name()) + '\u0000' + pkg.version();
      Package known = packages.get(key);
      if (known == null || (known.dev() && !pkg.dev())) {
        packages.put(key, pkg);
      }
    }

    List<Package> list() {
      return List.copyOf(packages.values());
    }
  }
}
