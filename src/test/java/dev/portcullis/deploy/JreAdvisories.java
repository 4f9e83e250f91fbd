package dev.portcullis.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.testing.WrittenOsv;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Advisories of the shape osv.dev writes for Debian 12, about the Java 17 runtime images of these
 * tests: a CRITICAL one for the JRE's source package, fixed in a version the caller picks, and a
 * HIGH one for glibc without a fix (which {@code --ignore-unfixed} leaves out).
 */
final class JreAdvisories {

  private JreAdvisories() {}

  /** Writes both records under {@code DIR/records}. */
  static void write(Path dir, String jreFixedIn) throws IOException {
    ObjectNode jre = WrittenOsv.debian12("PORTCULLIS-TEST-JRE", "openjdk-17");
    WrittenOsv.rangeFrom(jre, "0").addObject().put("fixed", jreFixedIn);
    jre.putArray("severity")
        .addObject()
        .put("type", "CVSS_V3")
        .put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    ObjectNode unfixed = WrittenOsv.debian12("PORTCULLIS-TEST-UNFIXED", "glibc");
    WrittenOsv.rangeFrom(unfixed, "0");
    unfixed
        .putArray("severity")
        .addObject()
        .put("type", "CVSS_V3")
        .put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
    WrittenOsv.write(dir, jre);
    WrittenOsv.write(dir, unfixed);
  }
}
