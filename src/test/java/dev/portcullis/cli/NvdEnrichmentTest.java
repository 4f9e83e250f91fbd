package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * NVD's CVSS vectors rate records that carry no severity (Debian's). The feeds here are written by
 * this test in NVD's 2.0 and 1.1 layouts, with one CVE each.
 */
class NvdEnrichmentTest extends ScanTestBase {

  private static final String FEED_2_0 =
      """
      {"resultsPerPage":1,"format":"NVD_CVE","version":"2.0","vulnerabilities":[
        {"cve":{"id":"CVE-2099-0002","metrics":{"cvssMetricV31":[
          {"source":"other@example.com","type":"Secondary","cvssData":{"version":"3.1",
            "vectorString":"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"}},
          {"source":"nvd@nist.gov","type":"Primary","cvssData":{"version":"3.1",
            "vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}]}}}]}
      """;
  private static final String FEED_1_1 =
      """
      {"CVE_data_type":"CVE","CVE_Items":[{"cve":{"CVE_data_meta":{"ID":"CVE-2099-0002"}},
        "impact":{"baseMetricV3":{"cvssV3":{"vectorString":"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"}}}}]}
      """;

  @Test
  void debianRecordWithoutSeverityTakesNvdsPrimaryVector() throws IOException {
    Path feed = dir.resolve("nvdcve-2.0-2099.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(feed))) {
      out.write(FEED_2_0.getBytes(StandardCharsets.UTF_8));
    }

    Cli.Result imported = Cli.run("db", "import", "--nvd", feed.toString(), "--db", db.toString());
    Cli.Result result = scan("debian-next", "-f", "json");

    assertThat(imported.out()).contains("Stored NVD severities of 1 CVEs");
    assertThat(result.out())
        .contains(
            "\"vulnerabilityId\" : \"DEBIAN-CVE-2099-0002\"",
            "\"severity\" : \"CRITICAL\"",
            "\"score\" : 9.8",
            "\"severitySource\" : \"NVD cvssMetricV31 vector\"");
  }

  @Test
  void legacyFeedsAreReadToo() throws IOException {
    Cli.Result imported =
        Cli.run(
            "db",
            "import",
            "--nvd",
            write("nvdcve-1.1-2099.json", FEED_1_1).toString(),
            "--db",
            db.toString());
    Cli.Result result = scan("debian-next", "-f", "json");

    assertThat(imported.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "\"severity\" : \"MEDIUM\"",
            "\"score\" : 5.9",
            "\"severitySource\" : \"NVD baseMetricV3 vector\"");
  }

  @Test
  void brokenFeedIsAnInputErrorAndChangesNothing() throws IOException {
    byte[] before = Files.readAllBytes(db);

    Cli.Result result =
        Cli.run(
            "db",
            "import",
            "--nvd",
            write("nvd.json", "{\"vulnerabilities\":[{\"cve\":").toString(),
            "--db",
            db.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("nvd.json", "not a readable NVD JSON feed");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }
}
