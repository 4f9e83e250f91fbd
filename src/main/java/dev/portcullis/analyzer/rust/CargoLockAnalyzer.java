package dev.portcullis.analyzer.rust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cargo's lockfile, {@code Cargo.lock}, in all its formats: v1 (dependencies as "name version
 * (source)", checksums in a [metadata] table), v2 (no version key, short dependencies) and v3 and
 * v4 ({@code version = 3|4}). Every {@code [[package]]} is a package, the workspace's own crates
 * (no {@code source}) included, as Trivy lists them. Cargo.lock does not say which crates only
 * tests need; Trivy finds that in Cargo.toml next to it, which a one-file analyzer cannot read, so
 * dev dependencies are listed like the rest.
 *
 * <p>Read in images as well as projects, as Trivy does: Rust applications are often shipped with
 * their lockfile, and it is the only record of what a binary without cargo-auditable data contains.
 */
public final class CargoLockAnalyzer implements Analyzer {

  static final long MAX_SIZE = 16L * 1024 * 1024;

  /**
   * Made when the first Cargo.lock is read, not with the analyzers: most images hold none, and a
   * mapper's first construction costs a cold JVM tens of milliseconds.
   */
  private static final class Toml {
    static final TomlMapper MAPPER = new TomlMapper();
  }

  @Override
  public String type() {
    return "cargo-lock";
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
    return (path.equals("Cargo.lock") || path.endsWith("/Cargo.lock"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String path = input.path();
    byte[] bytes = input.content().readNBytes((int) MAX_SIZE + 1);
    if (bytes.length > MAX_SIZE) {
      return warning(path, "is larger than " + MAX_SIZE + " bytes and was not read");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return warning(path, "is not UTF-8 text, as TOML must be");
    }
    JsonNode root;
    try {
      root = Toml.MAPPER.readTree(text);
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      String line =
          where == null || where.getLineNr() < 1 ? "" : "line " + where.getLineNr() + ": ";
      return warning(path, "is not valid TOML (" + line + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      return warning(path, "is empty or not a TOML table");
    }
    JsonNode entries = root.get("package");
    if (entries == null) {
      return AnalysisResult.ofPackages(type(), path, List.of());
    }
    if (!entries.isArray()) {
      return warning(path, "has a \"package\" key that is not an array of [[package]] tables");
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Package> packages = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : entries) {
      index++;
      JsonNode name = entry.get("name");
      JsonNode version = entry.get("version");
      if (!entry.isObject()
          || name == null
          || !name.isTextual()
          || name.asText().isBlank()
          || version == null
          || !version.isTextual()
          || version.asText().isBlank()) {
        warnings.add(
            "/" + path + ": [[package]] number " + index + " has no name or version; skipped");
        continue;
      }
      if (seen.add(name.asText() + "@" + version.asText())) {
        packages.add(Package.library("cargo", name.asText(), version.asText(), path));
      }
    }
    return new AnalysisResult(type(), path, null, packages, Map.of(), warnings);
  }

  private AnalysisResult warning(String path, String problem) {
    return AnalysisResult.ofWarning(type(), path, "/" + path + " " + problem);
  }
}
