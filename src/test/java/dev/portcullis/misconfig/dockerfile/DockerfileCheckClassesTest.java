package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classes of error that Trivy's own check tests found: a FROM built from ARGs, the order and
 * completeness of rpm cache cleaning, wget and curl counted per stage, WORKDIR in system
 * directories, and Trivy's ids as aliases.
 */
class DockerfileCheckClassesTest {

  private static final String PINNED = "FROM alpine:3.20@sha256:" + "a".repeat(64) + "\n";
  private static final String TAIL = "USER 10001\nHEALTHCHECK NONE\n";

  private static List<LintFinding> latest(String dockerfile) {
    return Lint.of("PC-DF-002", dockerfile + TAIL);
  }

  @Test
  void anArgWithoutADefaultAtTheEndOfTheNameLeavesNoTag() {
    assertThat(latest("ARG TAG\nFROM alpine$TAG\n"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.aliases()).containsExactly("DL3006", "DS001");
              assertThat(f.message())
                  .contains("TAG is declared without a default", "'alpine' has no tag", "latest");
            });
  }

  @Test
  void anUndeclaredArgExpandsToNothingAndSaysSo() {
    assertThat(latest("FROM alpine${TAG}\n"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("TAG is not declared before the first"));
  }

  @Test
  void aRegistryOnlyArgLeavesTheTagUnset() {
    assertThat(latest("ARG REGISTRY\nFROM ${REGISTRY}/ubuntu\n"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("REGISTRY is declared without a default", "names only the registry"));
    assertThat(latest("ARG REGISTRY\nFROM ${REGISTRY}/ubuntu:24.04\n")).isEmpty();
    assertThat(Lint.of("PC-DF-003", "ARG REGISTRY\nFROM ${REGISTRY}/ubuntu:24.04\n" + TAIL))
        .hasSize(1);
  }

  @Test
  void anArgDeclaredInAnEarlierStageIsNotSeenByALaterFrom() {
    String dockerfile = PINNED.replace("\n", " AS build\n") + "ARG TAG=:3.19\nFROM alpine$TAG\n";

    assertThat(latest(dockerfile))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(3);
              assertThat(f.message()).contains("TAG is declared in stage 0 (line 2)");
            });
  }

  @Test
  void aGlobalArgRedeclaredInAStageStillDecidesTheFrom() {
    assertThat(latest("ARG TAG=3.20\nFROM alpine:${TAG}\nARG TAG=latest\n")).isEmpty();
    assertThat(latest("ARG TAG\nFROM alpine:${TAG:-latest}\n"))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("DL3007", "DS001"));
  }

  @Test
  void whereAVariableWithoutValueIsTheTagOrTheImageTheBuildDecides() {
    assertThat(latest("ARG TAG\nFROM alpine:$TAG\n")).isEmpty();
    assertThat(latest("ARG IMAGE\nFROM $IMAGE\n")).isEmpty();
    assertThat(latest("ARG REGISTRY\nARG IMAGE\nFROM $REGISTRY/$IMAGE\n")).isEmpty();
    assertThat(latest("ARG DIGEST\nFROM alpine@$DIGEST\n")).isEmpty();
    assertThat(Lint.of("PC-DF-001", "ARG TAG\nFROM alpine:$TAG\n" + TAIL))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("TAG is declared without a default"));
  }

  private static List<LintFinding> rpm(String rule, String base, String run) {
    return Lint.of(rule, "FROM " + base + "\nRUN " + run + "\n" + TAIL);
  }

  @Test
  void cleaningBeforeTheLastInstallLeavesItsCache() {
    assertThat(rpm("PC-DF-211", "centos:7", "yum clean all && yum install -y httpd-2.4.6"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).contains("yum clean all runs before the last one");
              assertThat(f.aliases()).containsExactly("DL3032", "DS015");
            });
    assertThat(
            rpm(
                "PC-DF-211",
                "centos:7",
                "yum install -y a-1 && yum clean all && yum install -y b-1 && yum clean all"))
        .isEmpty();
    assertThat(rpm("PC-DF-211", "centos:7", "rm -rf /var/cache/yum && yum install -y httpd-2.4.6"))
        .hasSize(1);
    assertThat(rpm("PC-DF-214", "fedora:40", "dnf clean all && dnf install -y httpd-2.4.62"))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("DL3040", "DS019"));
    assertThat(
            rpm(
                "PC-DF-214",
                "registry.access.redhat.com/ubi9/ubi-minimal:9.4",
                "microdnf clean all && microdnf install -y shadow-utils-4.9"))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("DL3040", "DS027"));
    assertThat(rpm("PC-DF-217", "opensuse/leap:15.6", "zypper cc && zypper -n in curl=8.6.0"))
        .hasSize(1);
  }

  @Test
  void onlyCleanAllCleansTheCache() {
    assertThat(rpm("PC-DF-211", "centos:7", "yum install -y httpd-2.4.6 && yum clean metadata"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("(yum clean metadata leaves the rest)"));
    assertThat(rpm("PC-DF-214", "fedora:40", "dnf install -y x-1 && dnf clean packages"))
        .hasSize(1);
    assertThat(rpm("PC-DF-214", "fedora:40", "dnf install -y x-1 && dnf clean all")).isEmpty();
    assertThat(rpm("PC-DF-217", "opensuse/leap:15.6", "zypper -n in curl=8.6.0 && zypper clean -a"))
        .isEmpty();
  }

  @Test
  void zypperPatchReinstallAndShortFormsFillTheCacheToo() {
    assertThat(rpm("PC-DF-217", "opensuse/leap:15.6", "zypper patch -y"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("zypper patch leaves"));
    assertThat(rpm("PC-DF-217", "opensuse/leap:15.6", "zypper -n patch && zypper clean")).isEmpty();
    assertThat(rpm("PC-DF-217", "opensuse/leap:15.6", "zypper -n si curl")).hasSize(1);
    assertThat(rpm("PC-DF-214", "fedora:40", "dnf -y reinstall x-1")).hasSize(1);
    assertThat(rpm("PC-DF-214", "fedora:40", "dnf -y in x-1")).hasSize(1);
    assertThat(rpm("PC-DF-217", "opensuse/leap:15.6", "zypper -n refresh")).isEmpty();
  }

  @Test
  void wgetAndCurlCountPerStage() {
    String twoImages =
        "FROM alpine:3.20 AS fetch\nRUN curl -fsSLo /a https://x/a\n"
            + "FROM alpine:3.20\nRUN wget -q https://x/b\n"
            + TAIL;
    String bothInTheSecond =
        "FROM alpine:3.20 AS fetch\nRUN curl -fsSLo /a https://x/a\n"
            + "FROM alpine:3.20\nRUN wget -q https://x/b\nRUN curl -fsSLo /c https://x/c\n"
            + TAIL;

    assertThat(Lint.of("PC-DF-311", twoImages)).isEmpty();
    assertThat(Lint.of("PC-DF-311", bothInTheSecond))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(5);
              assertThat(f.message()).contains("curl (line 5)", "wget (line 4)");
            });
  }

  private static List<LintFinding> workdir(String lines) {
    return Lint.of("PC-DF-322", PINNED + lines + TAIL);
  }

  @Test
  void workdirInASystemDirectoryIsReportedAsTrivysTestsAsk() {
    assertThat(workdir("WORKDIR /proc/self/fd/1\n"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.aliases()).containsExactly("DS030");
              assertThat(f.message()).contains("/proc/self/fd/1 is in /proc");
            });
    assertThat(workdir("WORKDIR \"/proc/self/fd/1\"\n")).hasSize(1);
    assertThat(workdir("WORKDIR /path/to/workdir\n")).isEmpty();
    assertThat(workdir("WORKDIR /development\n")).isEmpty();
    assertThat(workdir("WORKDIR \"/path/to/workdir\"\n")).isEmpty();
  }

  @Test
  void workdirIsResolvedAndNormalisedBeforeItIsJudged() {
    assertThat(workdir("WORKDIR /proc\n")).hasSize(1);
    assertThat(workdir("WORKDIR /\nWORKDIR dev/shm\n")).hasSize(1);
    assertThat(workdir("WORKDIR /srv/../boot\n")).hasSize(1);
    assertThat(workdir("WORKDIR //lost+found/\n")).hasSize(1);
    assertThat(workdir("ARG DIR=/sys/fs\nWORKDIR $DIR\n")).hasSize(1);
    assertThat(workdir("WORKDIR /process\nWORKDIR /devices\n")).isEmpty();
    assertThat(workdir("WORKDIR $UNSET/proc\n")).isEmpty();
  }

  @Test
  void everyTrivyIdSuppressesInline() {
    String text =
        PINNED
            + "# portcullis ignore=ds030 reason=the tool inspects it\nWORKDIR /proc/1\n"
            + "# hadolint ignore=AVD-DS-0029\n"
            + "RUN apt-get update && apt-get install -y curl=8.5.0-2 && rm -rf /var/lib/apt/lists/*\n"
            + TAIL;

    LintResult result = Lint.result(text, Lint.DEFAULT.dockerfile(), Lint.GOOD_IGNORE);

    assertThat(result.findings()).extracting(LintFinding::ruleId).doesNotContain("PC-DF-322");
    assertThat(result.findings()).extracting(LintFinding::ruleId).doesNotContain("PC-DF-202");
    assertThat(result.suppressed())
        .extracting(SuppressedFinding::id)
        .containsExactlyInAnyOrder("ds030", "AVD-DS-0029");
  }
}
