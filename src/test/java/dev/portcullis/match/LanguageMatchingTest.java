package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.SharedOsv;
import dev.portcullis.testing.TestImages;
import dev.portcullis.vulndb.EcosystemName;
import dev.portcullis.vulndb.OsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Language packages, named by purl in an SBOM, matched against the real PyPI and Go records: every
 * record whose own list of affected releases names the installed release must be reported.
 */
class LanguageMatchingTest {

  private static final Path OSV = SharedOsv.DIRECTORY;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void database() {
    assumeThat(OSV).isDirectory();
    db = dir.resolve("v.sqlite");
    assertThat(
            Cli.run(
                    "db",
                    "import",
                    OSV.resolve("PyPI").toString(),
                    OSV.resolve("Go").toString(),
                    "--db",
                    db.toString())
                .exitCode())
        .isZero();
  }

  private static JsonNode scan(Map<String, String> purlsByKey) throws IOException {
    ObjectNode bom =
        JSON.createObjectNode()
            .put("bomFormat", "CycloneDX")
            .put("specVersion", "1.5")
            .put("version", 1);
    ArrayNode components = bom.putArray("components");
    purlsByKey
        .values()
        .forEach(
            purl ->
                components.addObject().put("type", "library").put("name", "x").put("purl", purl));
    Path sbom = dir.resolve("sbom-" + purlsByKey.size() + ".cdx.json");
    Files.write(sbom, JSON.writeValueAsBytes(bom));
    Cli.Result result =
        Cli.run("scan", "sbom", sbom.toString(), "--db", db.toString(), "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }

  @Test
  void everyPypiRecordListingTheInstalledReleaseIsReported() throws IOException {
    // One installed release per package: the first one some record lists, so that most packages are
    // hit.
    Map<String, String> versionByPackage = new LinkedHashMap<>();
    List<OsvRecord> records = SharedOsv.records("PyPI");
    for (OsvRecord record : records) {
      for (OsvRecord.Affected affected : record.affected()) {
        if (!affected.versions().isEmpty() && versionByPackage.size() < 400) {
          String name =
              new EcosystemName("PyPI", "").normalizePackage(affected.packageInfo().name());
          versionByPackage.putIfAbsent(name, affected.versions().get(0));
        }
      }
    }
    Set<String> expected = new TreeSet<>();
    for (OsvRecord record : records) {
      for (OsvRecord.Affected affected : record.affected()) {
        String name = new EcosystemName("PyPI", "").normalizePackage(affected.packageInfo().name());
        String installed = versionByPackage.get(name);
        if (installed != null
            && affected.versions().contains(installed)
            && record.withdrawn() == null) {
          expected.add(name + " " + record.id());
        }
      }
    }
    Map<String, String> purls = new LinkedHashMap<>();
    versionByPackage.forEach(
        (name, version) -> purls.put(name, "pkg:pypi/" + name + "@" + version));

    JsonNode report = scan(purls);

    Set<String> reported = new TreeSet<>();
    for (JsonNode finding : report.path("findings")) {
      String name =
          new EcosystemName("PyPI", "").normalizePackage(finding.path("packageName").asText());
      reported.add(name + " " + finding.path("vulnerabilityId").asText());
      finding.path("aliases").forEach(alias -> reported.add(name + " " + alias.asText()));
    }
    assertThat(expected).hasSizeGreaterThan(1000);
    assertThat(reported).containsAll(expected);
  }

  @Test
  void goModulesAndTheStandardLibraryMatchSemverRanges() throws IOException {
    JsonNode report =
        scan(
            Map.of(
                "stdlib", "pkg:golang/stdlib@v1.18.0",
                "net", "pkg:golang/golang.org/x/net@v0.0.0-20220812174116-3211cb980234"));

    List<String> ids = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      // GO-2022-0969 names one CVE, so it is reported under that CVE with its own id as alias.
      ids.add(f.path("packageName").asText() + " " + f.path("vulnerabilityId").asText());
      f.path("aliases").forEach(a -> ids.add(f.path("packageName").asText() + " " + a.asText()));
    }
    assertThat(ids).contains("stdlib GO-2022-0969", "golang.org/x/net GO-2022-0969");
    assertThat(report.path("findings").findValuesAsText("ecosystem")).containsOnly("Go");
  }

  /** {@code scan image} of the python test image against the PyPI records, as JSON. */
  private static Cli.Result scanPythonImage(String... flags) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "scan",
                "image",
                "docker-archive:" + TestImages.dockerArchive("python"),
                "--no-cache",
                "--db",
                db.toString(),
                "-f",
                "json"));
    command.addAll(List.of(flags));
    return Cli.run(command.toArray(String[]::new));
  }

  @Test
  void pythonPackagesADebInstalledAreLeftToTheDistributionsAdvisoriesByDefault()
      throws IOException {
    Cli.Result result = scanPythonImage();

    assertThat(result.exitCode()).as(result.err()).isZero();
    // Debian backports fixes into python3-urllib3 that PyPI's records of its version do not know.
    assertThat(JSON.readTree(result.out()).path("findings").findValuesAsText("ecosystem"))
        .doesNotContain("PyPI");
  }

  @Test
  void thePolicyAsksForLanguageAdvisoriesAndTheFlagOverrulesIt() throws IOException {
    Path policy = dir.resolve("portcullis.yaml");
    Files.writeString(policy, "gate:\n  check-os-owned-libraries: true\n");

    Cli.Result byPolicy = scanPythonImage("--policy", policy.toString());
    Cli.Result byFlag =
        scanPythonImage("--policy", policy.toString(), "--no-check-os-owned-libraries");

    assertThat(JSON.readTree(byPolicy.out()).path("findings").findValuesAsText("ecosystem"))
        .as(byPolicy.err())
        .contains("PyPI");
    assertThat(JSON.readTree(byFlag.out()).path("findings").findValuesAsText("ecosystem"))
        .as(byFlag.err())
        .doesNotContain("PyPI");
  }

  @Test
  void pythonPackagesInAnImageAreMatchedAgainstTheRealPypiRecordsWhenAsked() throws IOException {
    // The urllib3 that Debian's archive gave the test image, as the image's oracle read it.
    String urllib3 =
        TestImages.pythonDistributions().stream()
            .filter(line -> line.startsWith("urllib3 "))
            .map(line -> line.substring("urllib3 ".length()))
            .findFirst()
            .orElseThrow();
    Set<String> expected = new TreeSet<>();
    for (OsvRecord record : SharedOsv.records("PyPI")) {
      for (OsvRecord.Affected affected : record.affected()) {
        if (affected.packageInfo().name().equalsIgnoreCase("urllib3")
            && affected.versions().contains(urllib3)
            && record.withdrawn() == null) {
          expected.add(record.id());
        }
      }
    }

    Cli.Result result = scanPythonImage("--check-os-owned-libraries");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Set<String> reported = new TreeSet<>();
    for (JsonNode finding : JSON.readTree(result.out()).path("findings")) {
      if (finding.path("packageName").asText().equals("urllib3")) {
        reported.add(finding.path("vulnerabilityId").asText());
        finding.path("aliases").forEach(alias -> reported.add(alias.asText()));
        assertThat(finding.path("ownedBy").asText()).isEqualTo("python3-urllib3");
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(reported).containsAll(expected);
  }
}
