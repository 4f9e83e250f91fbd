package dev.portcullis.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.image.Digest;
import java.nio.charset.StandardCharsets;

/** {@code portcullis scan --format json} reports as a CI job submits them, of any size. */
public final class CiReports {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};

  private CiReports() {}

  /** The digest of the image the report of this seed describes. */
  public static String digest(String seed) {
    return Digest.sha256Of(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * A report on the image {@code repository:tag}, digest from {@code seed}, with {@code findings}
   * findings in distinct Debian packages.
   */
  public static byte[] report(String repository, String tag, String seed, int findings) {
    ObjectNode report = JSON.createObjectNode();
    report.put("tool", "portcullis").put("schemaVersion", 1);
    report.putArray("scanners").add("vuln");
    ObjectNode image = report.putObject("image");
    image.put("name", repository + ":" + tag).put("manifestDigest", digest(seed));
    image.putArray("repoTags").add(repository + ":" + tag);
    ArrayNode list = report.putArray("findings");
    for (int i = 0; i < findings; i++) {
      ObjectNode finding = list.addObject();
      finding.put("vulnerabilityId", "CVE-2099-" + (10000 + i));
      finding.putArray("aliases").add("DSA-9" + i);
      finding.put("packageName", "lib" + i);
      finding.put("ecosystem", "Debian:12");
      finding.put("installedVersion", "1." + i + "-1");
      finding.putArray("fixedVersions").add("1." + i + "-2");
      finding.put("title", "a test vulnerability in lib" + i);
      finding.put("severity", SEVERITIES[i % SEVERITIES.length]);
    }
    report.putObject("gate").put("failed", true).put("filteredOut", 0);
    return report.toString().getBytes(StandardCharsets.UTF_8);
  }
}
