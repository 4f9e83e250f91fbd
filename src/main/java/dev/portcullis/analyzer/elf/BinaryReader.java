package dev.portcullis.analyzer.elf;

import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.List;

/** Finds the packages that one toolchain records inside the executables it links. */
public interface BinaryReader {

  /** What the reader looks for, for warnings: "Go build information". */
  String what();

  /**
   * The packages the executable records, each found in {@code path}; empty if it records none.
   *
   * @throws MalformedBinaryException if the record is there but broken
   */
  List<Package> read(ElfFile elf, String path) throws IOException, MalformedBinaryException;
}
