package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portcullis.policy.DockerfileSettings;
import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each rule reports, and the near misses it must leave alone. */
class DockerfileRulesTest {

  private static final String PINNED = "FROM alpine:3.20@sha256:" + "a".repeat(64) + "\n";
  private static final String TAIL = "USER 10001\nHEALTHCHECK NONE\n";

  private static List<String> ids(String body) {
    return Lint.ids(PINNED + body + TAIL);
  }

  @Test
  void latestAndMissingTagsNameTheirHadolintAndTrivyIds() {
    assertThat(Lint.of("PC-DF-002", "FROM alpine\n" + TAIL))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("DL3006", "DS001"));
    assertThat(Lint.of("PC-DF-002", "FROM alpine:latest\n" + TAIL))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("DL3007", "DS001"));
    assertThat(Lint.ids("FROM alpine@sha256:" + "b".repeat(64) + "\n" + TAIL))
        .doesNotContain("PC-DF-002", "PC-DF-003");
  }

  @Test
  void stageReferencesScratchAndVariablesAreNotTaggedImages() {
    List<String> ids =
        Lint.ids(
            PINNED.replace("\n", " AS base\n")
                + "FROM base\nFROM scratch\nCOPY --from=base /bin/busybox /\n"
                + TAIL);

    assertThat(ids).doesNotContain("PC-DF-002", "PC-DF-003", "PC-DF-001");
    assertThat(Lint.of("PC-DF-001", "ARG BASE\nFROM $BASE\n" + TAIL))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.message()).contains("BASE is declared without a default");
            });
  }

  @Test
  void tiersForbidInAnyStageAndSuggestOnlyForTheImageThatShips() {
    String dockerfile =
        "FROM node:20-alpine AS build\nRUN npm ci\nFROM ubuntu:24.04\nCOPY --from=build /a /a\n"
            + TAIL;

    assertThat(Lint.of("PC-DF-001", dockerfile))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(3);
              assertThat(f.severity()).isEqualTo(Severity.LOW);
              assertThat(f.message()).contains("allowed tier", "alpine or gcr.io/distroless/*");
            });
    assertThat(Lint.of("PC-DF-001", "FROM bitnami/node:20 AS build\nFROM scratch\n" + TAIL))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.aliases()).containsExactly("DL3026");
              assertThat(f.message()).contains("forbidden", "cannot be verified");
            });
  }

  @Test
  void distrolessLatestIsAcceptedByThePolicyButAskedForADigest() {
    List<LintFinding> findings =
        Lint.findings("FROM gcr.io/distroless/nodejs20-debian12\nUSER 65532\nHEALTHCHECK NONE\n");

    assertThat(findings).extracting(LintFinding::ruleId).containsExactly("PC-DF-003");
    DockerfileSettings strict = new DockerfileSettings(java.util.Map.of(), List.of());
    assertThat(
            Lint.result(
                    "FROM gcr.io/distroless/nodejs20-debian12\nUSER 65532\nHEALTHCHECK NONE\n",
                    strict,
                    Lint.GOOD_IGNORE)
                .findings())
        .extracting(LintFinding::ruleId)
        .containsExactly("PC-DF-002");
  }

  @Test
  void fixedPlatformIsReportedAVariableOneIsNot() {
    assertThat(Lint.ids("FROM --platform=$BUILDPLATFORM alpine:3.20\n" + TAIL))
        .doesNotContain("PC-DF-004");
  }

  @Test
  void copyFromAcceptsEarlierStagesTheirIndexAndTaggedImages() {
    String dockerfile =
        PINNED.replace("\n", " AS build\n")
            + PINNED
            + "COPY --from=build /a /a\nCOPY --from=0 /b /b\n"
            + "COPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=later /c /c\n"
            + PINNED.replace("\n", " AS later\n")
            + TAIL;

    assertThat(Lint.of("PC-DF-006", dockerfile))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("--from=later"));
  }

  @Test
  void rootIsTheLastUserOfTheStagesThatShip() {
    assertThat(Lint.ids(PINNED + "USER app\nUSER 0:0\nHEALTHCHECK NONE\n")).contains("PC-DF-100");
    assertThat(Lint.ids(PINNED + "USER app\n" + PINNED + "HEALTHCHECK NONE\n"))
        .as("a USER of another stage does not carry over")
        .contains("PC-DF-100");
    assertThat(
            Lint.ids(
                PINNED.replace("\n", " AS base\n") + "USER app\nFROM base\nHEALTHCHECK NONE\n"))
        .as("it does through FROM base")
        .doesNotContain("PC-DF-100");
    assertThat(
            Lint.ids(
                "FROM gcr.io/distroless/static-debian12:nonroot@sha256:"
                    + "c".repeat(64)
                    + "\nHEALTHCHECK NONE\n"))
        .doesNotContain("PC-DF-100");
    assertThat(Lint.ids(PINNED + "USER $APP_UID\nHEALTHCHECK NONE\n")).doesNotContain("PC-DF-100");
    assertThat(Lint.ids("FROM scratch\nCOPY app /app\nHEALTHCHECK NONE\n")).contains("PC-DF-100");
  }

  @Test
  void secretsAreFoundByNameAndByTokenFormatWithoutShowingTheValue() {
    List<LintFinding> findings =
        Lint.of(
            "PC-DF-101",
            PINNED
                + "ARG GITHUB_TOKEN\nENV DB_PASSWORD=s3cr3t DB_PASSWORD_FILE=/run/secrets/db\n"
                + "ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D AWS_ACCESS_KEY_ID=x\n"
                + "ENV HELPER=AKIAABCDEFGHIJKLMNOP\nENV TOKEN=$FROM_BUILD\n"
                + TAIL);

    assertThat(findings)
        .extracting(LintFinding::line, LintFinding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple(3, Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple(5, Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple(6, Severity.HIGH));
    assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("s3cr3t", "AKIA"));
  }

  @Test
  void secretFilesAreKeysAndEnvFilesNotTheirExamples() {
    assertThat(Lint.of("PC-DF-102", PINNED + "COPY .env.production /app/\n" + TAIL)).hasSize(1);
    assertThat(Lint.of("PC-DF-102", PINNED + "COPY config/.ssh/ /root/.ssh/\n" + TAIL)).hasSize(1);
    assertThat(Lint.of("PC-DF-102", PINNED + "COPY tls/server.key /etc/tls/\n" + TAIL)).hasSize(1);
    assertThat(
            ids(
                "COPY .env.example /app/\nCOPY ca.pem /usr/local/share/ca-certificates/\n"
                    + "COPY --from=0 /etc/ssl/certs/ca.crt /etc/ssl/\n"))
        .doesNotContain("PC-DF-102");
  }

  @Test
  void remoteAddNeverShowsCredentialsOfTheUrl() {
    assertThat(
            Lint.of(
                "PC-DF-103",
                PINNED
                    + "ADD https://ci:s3cr3t@repo.example.com/a.jar?token=t0k3n /a.jar\n"
                    + TAIL))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("https://***@repo.example.com/a.jar?…")
                    .doesNotContain("s3cr3t", "t0k3n"));
  }

  @Test
  void addWithAChecksumOrOfAnArchiveIsFine() {
    assertThat(
            ids(
                "ADD --checksum=sha256:"
                    + "d".repeat(64)
                    + " https://example.com/a.tgz /a.tgz\nADD rootfs.tar.gz /\n"))
        .doesNotContain("PC-DF-103", "PC-DF-303");
  }

  @Test
  void pipeToShellNeedsTheShellToReadTheDownload() {
    assertThat(ids("RUN curl -fsSL https://x | bash -s -- --yes\n")).contains("PC-DF-104");
    assertThat(ids("RUN sh -c \"$(curl -fsSL https://x/install.sh)\"\n")).contains("PC-DF-104");
    assertThat(ids("RUN bash <(curl -s https://x)\n")).contains("PC-DF-104");
    assertThat(
            ids(
                "RUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n"
                    + "RUN curl -fsSLo /i.sh https://x && sha256sum -c sums && sh /i.sh\n"
                    + "RUN curl -fsSL https://x | bash /dev/stdin\n"))
        .doesNotContain("PC-DF-104");
  }

  @Test
  void sshIsPort22OrAnSshServer() {
    assertThat(ids("EXPOSE 20-25/tcp\n")).contains("PC-DF-106");
    assertThat(ids("RUN apk add --no-cache openssh-server=9.7_p1-r3\n")).contains("PC-DF-106");
    assertThat(ids("EXPOSE 2222 8022\nRUN apk add --no-cache openssh-client=9.7_p1-r3\n"))
        .doesNotContain("PC-DF-106");
  }

  @Test
  void dockerignoreMattersWhereTheWholeContextOrADirectoryIsCopied() {
    String dockerfile = PINNED + "WORKDIR /app\nCOPY package.json ./\nCOPY . .\n" + TAIL;
    Dockerignore partial = Dockerignore.evaluate(".dockerignore", ".git\nnode_modules\n");

    assertThat(Lint.result(dockerfile, Lint.DEFAULT.dockerfile(), partial).findings())
        .filteredOn(f -> f.ruleId().equals("PC-DF-107"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(4);
              assertThat(f.message()).contains("does not exclude .env, *.log");
            });
    Dockerignore missing = new Dockerignore(".dockerignore", false, List.of());
    assertThat(
            Lint.result(PINNED + "COPY app.jar /app/\n" + TAIL, Lint.DEFAULT.dockerfile(), missing)
                .findings())
        .extracting(LintFinding::ruleId)
        .doesNotContain("PC-DF-107");
  }

  @Test
  void aCopySourceGlobIsMatchedAgainstTheNamesWithoutBacktracking() {
    Dockerignore missing = new Dockerignore(".dockerignore", false, List.of());
    String backtracks = PINNED + "COPY " + "*".repeat(94) + "x /app/\n" + TAIL;

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThat(Lint.result(backtracks, Lint.DEFAULT.dockerfile(), missing).findings())
                .extracting(LintFinding::ruleId)
                .doesNotContain("PC-DF-107"));
    assertThat(
            Lint.result(
                    PINNED + "COPY logs/*.log /app/\n" + TAIL, Lint.DEFAULT.dockerfile(), missing)
                .findings())
        .extracting(LintFinding::ruleId)
        .contains("PC-DF-107");
  }

  @Test
  void dockerignorePatternsAreReadAsTheBuilderReadsThem() {
    assertThat(
            Dockerignore.evaluate("i", "# all\n**/.git\n.env*\n/node_modules/\n**/*.log\n")
                .missing())
        .isEmpty();
    assertThat(Dockerignore.evaluate("i", "*\n!src\n").missing()).isEmpty();
    assertThat(Dockerignore.evaluate("i", ".*\n!.env\nnode_modules\n").missing())
        .containsExactly(".env", "*.log");
  }

  @Test
  void buildToolsInTheShippedImageButNotWhenRemovedInTheSameRun() {
    assertThat(ids("RUN apk add --no-cache build-base=0.5-r3 && make\n")).contains("PC-DF-108");
    assertThat(
            ids(
                "RUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0 && make"
                    + " && apk del .build-deps\n"))
        .doesNotContain("PC-DF-108");
    assertThat(ids("RUN npm ci --omit=dev\nRUN npm install --production\n"))
        .doesNotContain("PC-DF-108");
    assertThat(ids("ENV NODE_ENV=production\nRUN npm ci\n")).doesNotContain("PC-DF-108");
    assertThat(
            Lint.ids(
                PINNED.replace("\n", " AS build\n")
                    + "RUN apk add --no-cache gcc=13.2.1-r0 && make\n"
                    + PINNED
                    + "COPY --from=build /out /out\n"
                    + TAIL))
        .as("a build stage may hold build tools")
        .doesNotContain("PC-DF-108");
  }

  @Test
  void packageUpgradeIsAskedOnlyWhereTheShippedImageInstallsPackages() {
    assertThat(ids("RUN apk add --no-cache curl=8.9.1-r0\n")).contains("PC-DF-109");
    assertThat(ids("RUN apk upgrade --no-cache && apk add --no-cache curl=8.9.1-r0\n"))
        .doesNotContain("PC-DF-109");
    assertThat(ids("COPY app /app\n")).doesNotContain("PC-DF-109");
  }

  @Test
  void healthcheckNoneCountsAndOneInTheParentStageToo() {
    assertThat(Lint.of("PC-DF-110", PINNED + "USER 1\n"))
        .singleElement()
        .satisfies(f -> assertThat(f.line()).isOne());
    assertThat(
            Lint.ids(
                PINNED.replace("\n", " AS base\n")
                    + "HEALTHCHECK CMD [\"/bin/true\"]\nFROM base\nUSER 1\n"))
        .doesNotContain("PC-DF-110");
  }

  @Test
  void aptRulesAcceptEveryWayOfSayingTheSame() {
    assertThat(
            ids(
                "RUN apt-get update -qq && apt-get install -qq -o APT::Install-Recommends=false"
                    + " curl=8.5.0-2 ./local.deb && rm -rf /var/lib/apt/lists/*\n"
                    + "RUN apt-get -yq install --no-install-recommends jq=1.6-2.1 && apt-get clean\n"
                    + "RUN --mount=type=cache,target=/var/lib/apt apt-get update"
                    + " && apt-get install --yes --no-install-recommends git=1:2.39.2-1.1\n"))
        .doesNotContain(
            "PC-DF-202", "PC-DF-203", "PC-DF-204", "PC-DF-205", "PC-DF-206", "PC-DF-207");
  }

  @Test
  void aptListsOnlyMatterInTheImageThatShips() {
    assertThat(
            Lint.ids(
                PINNED.replace("\n", " AS build\n")
                    + "RUN apt-get update && apt-get install -y --no-install-recommends gcc=12\n"
                    + PINNED
                    + TAIL))
        .doesNotContain("PC-DF-203");
  }

  @Test
  void rpmManagersCleanTheirOwnCaches() {
    assertThat(ids("RUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum\n"))
        .doesNotContain("PC-DF-211");
    assertThat(ids("RUN dnf install -y nginx-1.26 && dnf clean all\n"))
        .doesNotContain("PC-DF-213", "PC-DF-214", "PC-DF-215");
    assertThat(ids("RUN zypper --non-interactive install curl=8 && zypper clean -a\n"))
        .doesNotContain("PC-DF-216", "PC-DF-217", "PC-DF-218");
  }

  @Test
  void languagePackagesArePinnedByTheirOwnSyntax() {
    assertThat(
            ids(
                "RUN pip install --no-cache-dir -r requirements.txt 'flask>=3' ./wheels/x.whl\n"
                    + "RUN python3 -m pip install --no-cache-dir requests==2.32.3\n"
                    + "RUN npm install -g npm@10.8.1 @scope/tool@1.2.3\n"
                    + "RUN gem install bundler:2.5.11 && gem install rails -v 7.1.3\n"
                    + "RUN yarn install --frozen-lockfile && yarn cache clean\n"))
        .doesNotContain("PC-DF-220", "PC-DF-221", "PC-DF-222", "PC-DF-223", "PC-DF-224");
    assertThat(ids("ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n"))
        .doesNotContain("PC-DF-221");
  }

  @Test
  void copyingTheManifestFirstKeepsTheDependencyLayerCached() {
    assertThat(
            ids(
                "WORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n"
                    + "COPY . .\nRUN npm run lint\n"))
        .doesNotContain("PC-DF-225");
    assertThat(ids("WORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n"))
        .contains("PC-DF-225");
  }

  @Test
  void instructionFormRulesLeaveTheRightFormsAlone() {
    assertThat(
            ids(
                "ARG DIR=/srv\nWORKDIR $DIR\nWORKDIR /opt/app\nWORKDIR sub\n"
                    + "COPY a b /dest/\nCMD [\"node\"]\nEXPOSE 80/tcp 53/udp 8000-8010\n"))
        .doesNotContain("PC-DF-304", "PC-DF-305", "PC-DF-310", "PC-DF-315")
        .containsOnlyOnce("PC-DF-300");
    assertThat(
            Lint.ids(
                PINNED + "CMD [\"a\"]\n" + PINNED + "CMD [\"b\"]\nENTRYPOINT [\"c\"]\n" + TAIL))
        .as("one CMD per stage")
        .doesNotContain("PC-DF-306", "PC-DF-307");
  }

  @Test
  void pipefailFromShellOrSetSatisfiesTheRule() {
    assertThat(ids("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"))
        .doesNotContain("PC-DF-313");
    assertThat(ids("RUN set -eux -o pipefail; a | b\nRUN [\"sh\", \"-c\", \"a | b\"]\n"))
        .doesNotContain("PC-DF-313");
  }

  @Test
  void cdInASubshellEndsWithIt() {
    assertThat(ids("RUN (cd /tmp && make)\n")).doesNotContain("PC-DF-301");
    assertThat(ids("RUN set -e; cd /tmp; make\n")).contains("PC-DF-301");
  }

  @Test
  void envMayExtendAVariableDefinedEarlier() {
    assertThat(ids("ENV PATH=/opt/bin:$PATH\nENV HOME=/h\nENV APP=$HOME/app\n"))
        .doesNotContain("PC-DF-314");
  }

  @Test
  void windowsShellRunsAreNotReadAsPosixShell() {
    assertThat(ids("SHELL [\"powershell\", \"-Command\"]\nRUN sudo cd C:\\ ; curl x | sh\n"))
        .doesNotContain("PC-DF-105", "PC-DF-301", "PC-DF-104");
  }

  @Test
  void pathologicalLinesAreFindingsNotStackOverflows() {
    String text =
        "FROM "
            + "a.".repeat(100_000)
            + "a\n"
            + "LABEL "
            + "a.b".repeat(50_000)
            + "=x "
            + "A_".repeat(50_000)
            + "=y\n"
            + "ENV X="
            + "${A:-".repeat(10_000)
            + "}".repeat(10_000)
            + "\n# hadolint ignore="
            + "DL3059, ".repeat(50_000)
            + "\nRUN "
            + "cat | ".repeat(50_000)
            + "cat\n";

    List<LintFinding> findings = Lint.findings(text);

    assertThat(findings)
        .extracting(LintFinding::ruleId)
        .contains("PC-DF-000", "PC-DF-318", "PC-DF-313")
        .doesNotContain("PC-DF-100");
  }

  @Test
  void parseProblemsAreFindingsWithTheirLine() {
    assertThat(Lint.findings(PINNED + "RUN echo ok\nFORM x\n" + TAIL))
        .filteredOn(f -> f.ruleId().equals("PC-DF-000"))
        .singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(3));
    assertThat(Lint.ids(PINNED + "RUN echo \\\n\nFORM x\n" + TAIL))
        .as("as in BuildKit, a continuation runs across the empty line")
        .doesNotContain("PC-DF-000");
  }
}
