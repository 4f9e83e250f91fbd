package dev.portcullis.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TagSelectorTest {

  private final TagSelector releases = new TagSelector(false);
  private final TagSelector withPrereleases = new TagSelector(true);

  private static void proposes(UpdateCandidates candidates, String update, String majorUpdate) {
    assertThat(candidates.update()).as("update from " + candidates.current()).isEqualTo(update);
    assertThat(candidates.majorUpdate())
        .as("major update from " + candidates.current())
        .isEqualTo(majorUpdate);
    assertThat(candidates.note()).isNull();
  }

  private static void proposesNothing(UpdateCandidates candidates, String because) {
    assertThat(candidates.proposes()).as(candidates.toString()).isFalse();
    assertThat(candidates.note()).contains(because);
  }

  @Test
  void pointReleaseMovesWithinItsMajorAndReportsTheNextMajorApart() {
    proposes(releases.select("12.5", DockerHubTags.DEBIAN), "12.6", "13.0");
  }

  @Test
  void slimVariantStaysSlim() {
    proposes(releases.select("12.5-slim", DockerHubTags.DEBIAN), "12.6-slim", "13.0-slim");
    proposes(releases.select("12.6-slim", DockerHubTags.DEBIAN), null, "13.0-slim");
  }

  @Test
  void singleNumberHasOnlyMajorUpdates() {
    proposes(releases.select("12", DockerHubTags.DEBIAN), null, "13");
    proposes(releases.select("12-slim", DockerHubTags.DEBIAN), null, "13-slim");
  }

  @Test
  void twoComponentTagNeverMovesToThreeComponents() {
    proposes(releases.select("20.10", DockerHubTags.NODE), "20.11", "22.1");
    proposes(releases.select("20.10.0", DockerHubTags.NODE), "20.11.1", "22.1.0");
  }

  @Test
  void alpineReleaseIsPartOfTheVariant() {
    proposes(
        releases.select("20.10-alpine3.19", DockerHubTags.NODE),
        "20.12-alpine3.19",
        "22.1-alpine3.19");
    proposes(releases.select("20-bookworm-slim", DockerHubTags.NODE), null, "22-bookworm-slim");
  }

  @Test
  void floatingNamesAreNotVersionsToUpdate() {
    for (String floating : List.of("lts", "current-alpine", "iron-alpine3.19", "alpine3.19")) {
      proposesNothing(releases.select(floating, DockerHubTags.NODE), "pin a version first");
    }
    proposesNothing(releases.select("latest", DockerHubTags.DEBIAN), "not a version tag");
    proposesNothing(releases.select("bookworm", DockerHubTags.DEBIAN), "not a version tag");
    proposesNothing(releases.select("mainline", DockerHubTags.NGINX), "not a version tag");
    proposesNothing(releases.select("stable-alpine", DockerHubTags.NGINX), "not a version tag");
  }

  @Test
  void missingTagMeansLatestAndIsNotAVersion() {
    proposesNothing(releases.select(null, DockerHubTags.DEBIAN), "pin a version first");
    proposesNothing(releases.select("", DockerHubTags.DEBIAN), "pin a version first");
  }

  @Test
  void malformedCurrentTagIsReportedAsSuch() {
    proposesNothing(releases.select("1.2+build", DockerHubTags.DEBIAN), "not a valid Docker tag");
    proposesNothing(releases.select("1." + "2".repeat(127), List.of()), "not a valid Docker tag");
  }

  @Test
  void pythonPatchUpdateLeavesReleaseCandidatesOut() {
    proposes(releases.select("3.12.1", DockerHubTags.PYTHON), "3.12.2", null);
    proposes(releases.select("3.12.1-alpine3.19", DockerHubTags.PYTHON), "3.12.2-alpine3.19", null);
    proposes(
        releases.select("3.12.1-slim-bookworm", DockerHubTags.PYTHON),
        "3.12.2-slim-bookworm",
        null);
  }

  @Test
  void newestAlreadyButNewerPrereleasesExistSaysSo() {
    UpdateCandidates none = releases.select("3.12-slim-bookworm", DockerHubTags.PYTHON);
    proposesNothing(none, "already the newest tag of the form {n}.{n}-slim-bookworm");
    assertThat(none.note()).contains("newer prereleases were left out");
  }

  @Test
  void prereleasesWhenAskedFor() {
    proposes(withPrereleases.select("3.12.1", DockerHubTags.PYTHON), "3.13.0rc1", null);
    proposes(
        withPrereleases.select("3.12-slim-bookworm", DockerHubTags.PYTHON),
        "3.13-rc-slim-bookworm",
        null);
    proposes(withPrereleases.select("16", DockerHubTags.POSTGRES), null, "17beta1");
  }

  @Test
  void prereleaseFollowsItsOwnReleaseWithoutBeingAsked() {
    proposes(releases.select("3.13.0a2", DockerHubTags.PYTHON), "3.13.0rc1", null);
    proposes(releases.select("1.22rc1", DockerHubTags.GOLANG), "1.22", null);
    List<String> postgresReleased = new ArrayList<>(DockerHubTags.POSTGRES);
    postgresReleased.add("17");
    proposes(releases.select("17beta1", postgresReleased), "17", null);
  }

  @Test
  void prereleaseOfAnotherVersionIsNotFollowedWithoutBeingAsked() {
    proposesNothing(
        releases.select("3.13.0rc1", List.of("3.13.0rc1", "3.14.0a1")),
        "prereleases were left out");
  }

  @Test
  void postgresMinorUpdateIgnoresTheBeta() {
    proposes(releases.select("16.1", DockerHubTags.POSTGRES), "16.2", null);
    proposes(releases.select("16.1-bookworm", DockerHubTags.POSTGRES), "16.2-bookworm", null);
    proposesNothing(releases.select("16", DockerHubTags.POSTGRES), "prereleases were left out");
  }

  @Test
  void ubuntuVersionsAndDatedCodenames() {
    proposes(releases.select("22.04", DockerHubTags.UBUNTU), null, "24.04");
    proposes(releases.select("jammy-20240111", DockerHubTags.UBUNTU), "jammy-20240227", null);
    proposesNothing(releases.select("jammy", DockerHubTags.UBUNTU), "not a version tag");
  }

  @Test
  void datedDebianKeepsCodenameAndSlim() {
    proposes(
        releases.select("bookworm-20240110-slim", DockerHubTags.DEBIAN),
        "bookworm-20240130-slim",
        null);
    proposes(releases.select("bookworm-20240110", DockerHubTags.DEBIAN), "bookworm-20240130", null);
  }

  @Test
  void newerDateIsAnUpdateAndNeverAMajorOfASmallNumber() {
    List<String> tags = List.of("12", "13", "20231231", "20240125", "20240126", "2024.01.27");
    proposes(releases.select("20240125", tags), "20240126", null);
    proposes(releases.select("12", tags), null, "13");
  }

  @Test
  void calendarVersionHasNoMajor() {
    List<String> tags = List.of("2024.1.0", "2024.1.1", "2024.12.10", "2025.1.0", "2025.1");
    proposes(releases.select("2024.1.0", tags), "2025.1.0", null);
  }

  @Test
  void goMinorIsAnUpdateWithinMajorOne() {
    proposes(releases.select("1.21.6-alpine3.19", DockerHubTags.GOLANG), "1.22.0-alpine3.19", null);
    proposes(releases.select("1.21.6-bookworm", DockerHubTags.GOLANG), "1.22.0-bookworm", null);
    proposes(releases.select("1.21", DockerHubTags.GOLANG), "1.22", null);
    proposes(withPrereleases.select("1.21", DockerHubTags.GOLANG), "1.22", null);
  }

  @Test
  void temurinBuildNumberedTagsMoveAmongThemselves() {
    proposes(
        releases.select("17.0.9_9-jdk", DockerHubTags.ECLIPSE_TEMURIN),
        "17.0.10_7-jdk",
        "21.0.2_13-jdk");
    proposes(
        releases.select("17.0.10_7-jre-alpine", DockerHubTags.ECLIPSE_TEMURIN),
        null,
        "21.0.2_13-jre-alpine");
    proposes(releases.select("17-jdk", DockerHubTags.ECLIPSE_TEMURIN), null, "21-jdk");
    proposesNothing(
        releases.select("21-jre-alpine", DockerHubTags.ECLIPSE_TEMURIN), "already the newest");
  }

  @Test
  void temurinJavaEightMovesByUpdateNumber() {
    proposes(
        releases.select("8u392-b08-jdk", DockerHubTags.ECLIPSE_TEMURIN), "8u402-b06-jdk", null);
  }

  @Test
  void nginxMinorsAreUpdatesOfMajorOne() {
    proposes(
        releases.select("1.25.3-alpine-slim", DockerHubTags.NGINX), "1.27.0-alpine-slim", null);
    proposes(releases.select("1.25.3-alpine", DockerHubTags.NGINX), "1.25.4-alpine", null);
  }

  @Test
  void prefixMustMatch() {
    List<String> tags = List.of("v1.2.3", "v1.2.4", "1.2.5", "v2.0.0", "2.1.0", "r1.3", "1.4");
    proposes(releases.select("v1.2.3", tags), "v1.2.4", "v2.0.0");
    proposes(releases.select("r1.2", tags), "r1.3", null);
  }

  @Test
  void currentNewerThanEveryListedTagProposesNothing() {
    proposesNothing(releases.select("13.1", DockerHubTags.DEBIAN), "not among the 33 listed tags");
    proposesNothing(releases.select("13.0", DockerHubTags.DEBIAN), "already the newest");
    proposesNothing(releases.select("12.5-fancy", DockerHubTags.DEBIAN), "none of the form");
  }

  @Test
  void currentMissingFromTheListStillGetsNewerTags() {
    proposes(releases.select("12.3", DockerHubTags.DEBIAN), "12.6", "13.0");
  }

  @Test
  void zeroPaddedNumberIsNotNewerThanItsValue() {
    proposes(releases.select("1.7", List.of("1.07", "1.08")), "1.08", null);
  }

  @Test
  void numbersBeyondLongRange() {
    proposes(
        releases.select(
            "9223372036854775807.1",
            List.of("9223372036854775807.2", "99999999999999999999.0", "1.0")),
        "9223372036854775807.2",
        "99999999999999999999.0");
  }

  @Test
  void garbageInTheListIsSkipped() {
    List<String> tags =
        Arrays.asList(
            null,
            "",
            " 12.7",
            "12.7 ",
            "12.8/../x",
            "-12.9",
            "1" + ".9".repeat(70),
            "12.6",
            "12.99+x");
    proposes(releases.select("12.5", tags), "12.6", null);
  }

  @Test
  void tenThousandTagsAreSelectedAmong() {
    List<String> tags = new ArrayList<>();
    for (int minor = 0; minor < 100; minor++) {
      for (int patch = 0; patch < 20; patch++) {
        String v = "3." + minor + "." + patch;
        tags.addAll(List.of(v, v + "-slim", v + "-alpine3.19", v + "rc1", "x" + v + "-y"));
      }
    }
    Collections.shuffle(tags, new Random(7));
    assertThat(tags).hasSize(10_000);
    proposes(releases.select("3.5.5-slim", tags), "3.99.19-slim", null);
    proposes(withPrereleases.select("3.5.5", tags), "3.99.19", null);
  }
}
