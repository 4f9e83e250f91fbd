package dev.portcullis.vulndb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;

/**
 * One OSV record read as {@link OsvImporter} reads it, and everything {@link DatabaseWriter}
 * derives from it before it stores it: a record that is not valid OSV is a {@link
 * JacksonException}, which the importer counts as skipped; nothing else may fail.
 */
class OsvRecordFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;

  @FuzzTest
  void record(byte[] input) throws IOException {
    if (input.length > MAX_INPUT) {
      return;
    }
    OsvRecord record;
    try {
      record = OsvImporter.read(input);
    } catch (InputException skipped) {
      return;
    }
    if (record == null || record.id() == null || record.id().isBlank()) {
      return;
    }
    record.otherIds();
    record.fixes();
    SeverityRater.rate(record);
    Json.mapper().writeValueAsString(record.severity());
    for (OsvRecord.Affected affected : record.affected()) {
      OsvRecord.OsvPackage pkg = affected.packageInfo();
      if (pkg != null && pkg.ecosystem() != null && pkg.name() != null) {
        EcosystemName.parse(pkg.ecosystem()).normalizePackage(pkg.name());
      }
      Json.mapper().writeValueAsString(affected.ranges());
      Json.mapper().writeValueAsString(affected.versions());
    }
  }
}
