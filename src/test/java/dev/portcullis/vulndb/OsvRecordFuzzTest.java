package dev.portcullis.vulndb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
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
      record = Json.mapper().readValue(input, OsvRecord.class);
    } catch (JacksonException skipped) {
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
