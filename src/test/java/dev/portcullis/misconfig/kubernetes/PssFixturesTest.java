package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.testing.SharedPsaFixtures;
import dev.portcullis.testing.SharedPsaFixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every fixture Kubernetes tests its Pod Security Admission with, at its level and version: pass
 * fixtures are allowed, fail fixtures denied (and a baseline failure also fails restricted).
 */
class PssFixturesTest {

  private final ManifestReader reader = new ManifestReader();
  private final PodSecurityStandards standards = new PodSecurityStandards();

  @Test
  void agreesWithPodSecurityAdmissionOnEveryFixture() throws IOException {
    assumeTrue(Files.isDirectory(SharedPsaFixtures.DIRECTORY), "shared PSA fixtures absent");
    List<Fixture> fixtures = SharedPsaFixtures.all();
    List<String> disagreements = new ArrayList<>();
    Map<String, int[]> perLevel = new TreeMap<>();
    for (Fixture fixture : fixtures) {
      Resource pod = pod(fixture);
      PssVersion version = PssVersion.parse(fixture.version());
      PssLevel level = PssLevel.parse(fixture.level());
      PssDecision decision = standards.evaluate(pod, level, version);
      perLevel.computeIfAbsent(fixture.level(), k -> new int[2])[0]++;
      if (decision.allowed() != fixture.pass()) {
        disagreements.add(fixture + ": " + decision.message());
      } else {
        perLevel.get(fixture.level())[1]++;
      }
      if (!fixture.pass() && level == PssLevel.BASELINE) {
        PssDecision restricted = standards.evaluate(pod, PssLevel.RESTRICTED, version);
        if (restricted.allowed()) {
          disagreements.add(fixture + " at restricted: allowed");
        }
      }
    }

    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(4536);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void deniedFixturesGiveTheReasonPsaGives() throws IOException {
    assumeTrue(Files.isDirectory(SharedPsaFixtures.DIRECTORY), "shared PSA fixtures absent");
    Fixture privileged =
        new Fixture(
            SharedPsaFixtures.DIRECTORY.resolve("baseline/v1.35/fail/privileged0.yaml"),
            "baseline",
            "v1.35",
            false);

    PssDecision decision =
        standards.evaluate(pod(privileged), PssLevel.BASELINE, PssVersion.parse("v1.35"));

    assertThat(decision.message())
        .isEqualTo(
            "violates PodSecurity \"baseline:v1.35\": privileged (container \"container1\" must"
                + " not set securityContext.privileged=true)");
  }

  private Resource pod(Fixture fixture) throws IOException {
    ManifestFile file = reader.read(fixture.file(), fixture.toString());
    assertThat(file.problems()).as(fixture.toString()).isEmpty();
    assertThat(file.documents()).as(fixture.toString()).hasSize(1);
    return Resources.of(file.documents().get(0), new ArrayList<>()).get(0);
  }
}
