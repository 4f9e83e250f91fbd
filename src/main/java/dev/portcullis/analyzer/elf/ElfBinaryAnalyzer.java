package dev.portcullis.analyzer.elf;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.image.StoredContent;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executables that record what they were built from: Go's build information, Rust's cargo-auditable
 * data. One analyzer asks for the file and hands the parsed ELF to every {@link BinaryReader}, so
 * the file is read once. A file that is not ELF costs four bytes; an ELF file is read as far as its
 * tables and the sections the readers ask for (see {@link SpooledSource}).
 */
public final class ElfBinaryAnalyzer implements Analyzer {

  /** Smaller than an ELF header: nothing to read. */
  static final long MIN_SIZE = 52;

  /** The largest executable read, as large as the engine hands any analyzer by default. */
  static final long MAX_SIZE = 256L * 1024 * 1024;

  private final List<BinaryReader> readers;

  public ElfBinaryAnalyzer(List<BinaryReader> readers) {
    this.readers = List.copyOf(readers);
  }

  @Override
  public String type() {
    return "elf-binary";
  }

  @Override
  public int version() {
    return 1;
  }

  /** Executables only, as Trivy reads them: a file without an execute bit is not a program. */
  @Override
  public boolean executablesOnly() {
    return true;
  }

  /**
   * Shared libraries are left out even where they carry an execute bit (Red Hat's do): reading
   * hundreds of them would cost more than the rare Go or Rust library among them is worth.
   */
  @Override
  public long maxFileSize() {
    return MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return size >= MIN_SIZE && !name.endsWith(".so") && !name.contains(".so.");
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    if (input.content() instanceof StoredContent stored) {
      // Stored uncompressed on disk: read the tables and sections where they lie, nothing else.
      return analyze(input.path(), ByteSource.of(stored));
    }
    byte[] magic = input.content().readNBytes(4);
    if (!ElfFile.isElf(magic)) {
      return notElf(input.path());
    }
    try (SpooledSource source = new SpooledSource(magic, input.content(), input.size())) {
      return analyze(input.path(), source);
    }
  }

  /** A script: nothing to say, and an empty result is not kept. */
  private AnalysisResult notElf(String path) {
    return AnalysisResult.ofPackages(type(), path, List.of());
  }

  private AnalysisResult analyze(String path, ByteSource source) throws IOException {
    byte[] magic = new byte[4];
    if (source.read(0, magic, 0, magic.length) < magic.length || !ElfFile.isElf(magic)) {
      return notElf(path);
    }
    ElfFile elf;
    try {
      elf = ElfFile.read(source);
    } catch (MalformedBinaryException e) {
      return AnalysisResult.ofWarning(
          type(), path, "/" + path + ": " + e.getMessage() + "; it was not read as an executable");
    }
    List<Package> packages = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    elf.problems().forEach(problem -> warnings.add("/" + path + ": " + problem));
    for (BinaryReader reader : readers) {
      try {
        packages.addAll(reader.read(elf, path));
      } catch (MalformedBinaryException e) {
        warnings.add("/" + path + ": " + reader.what() + " is malformed (" + e.getMessage() + ")");
      }
    }
    return new AnalysisResult(type(), path, null, packages, Map.of(), warnings);
  }
}
