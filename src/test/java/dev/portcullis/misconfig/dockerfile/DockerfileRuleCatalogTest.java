package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule has a stable id, a fix, docs, and a smallest Dockerfile that shows it. */
class DockerfileRuleCatalogTest {

  private static final String BASE = "FROM alpine:3.20@sha256:" + "a".repeat(64) + "\n";
  private static final String TAIL = "USER 10001\nHEALTHCHECK NONE\n";

  /** For each rule, a Dockerfile that shows it. */
  private static final Map<String, String> EXAMPLES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("PC-DF-000", BASE + "FORM x\n" + TAIL),
              Map.entry("PC-DF-001", "FROM someone/tool:1.0\n" + TAIL),
              Map.entry("PC-DF-002", "FROM alpine\n" + TAIL),
              Map.entry("PC-DF-003", "FROM alpine:3.20\n" + TAIL),
              Map.entry("PC-DF-004", "FROM --platform=linux/amd64 alpine:3.20\n" + TAIL),
              Map.entry(
                  "PC-DF-005",
                  BASE.replace("\n", " AS a\n") + BASE.replace("\n", " AS a\n") + TAIL),
              Map.entry("PC-DF-006", BASE + "COPY --from=nowhere /a /b\n" + TAIL),
              Map.entry(
                  "PC-DF-007", BASE.replace("\n", " AS a\n") + "COPY --from=a /a /b\n" + TAIL),
              Map.entry("PC-DF-008", "LABEL a=b\n" + BASE + TAIL),
              Map.entry("PC-DF-009", BASE + "ONBUILD FROM alpine\n" + TAIL),
              Map.entry("PC-DF-100", BASE + "USER root\nHEALTHCHECK NONE\n"),
              Map.entry("PC-DF-101", BASE + "ENV API_KEY=abc123\n" + TAIL),
              Map.entry("PC-DF-102", BASE + "COPY id_rsa /root/.ssh/\n" + TAIL),
              Map.entry("PC-DF-103", BASE + "ADD https://example.com/x.sh /x.sh\n" + TAIL),
              Map.entry("PC-DF-104", BASE + "RUN wget -qO- https://get.example.com | sh\n" + TAIL),
              Map.entry("PC-DF-105", BASE + "RUN sudo mkdir /x\n" + TAIL),
              Map.entry("PC-DF-106", BASE + "EXPOSE 22\n" + TAIL),
              Map.entry("PC-DF-107", BASE + "COPY . /app\n" + TAIL),
              Map.entry("PC-DF-108", BASE + "RUN apk add --no-cache gcc=13.2.1-r0\n" + TAIL),
              Map.entry("PC-DF-109", BASE + "RUN apk add --no-cache curl=8.9.1-r0\n" + TAIL),
              Map.entry("PC-DF-110", BASE + "USER 10001\n"),
              Map.entry("PC-DF-200", BASE + "RUN apk add curl=8.9.1-r0\n" + TAIL),
              Map.entry("PC-DF-201", BASE + "RUN apk add --no-cache curl\n" + TAIL),
              Map.entry("PC-DF-202", BASE + "RUN apt-get install -y curl=8.5.0-2\n" + TAIL),
              Map.entry("PC-DF-203", BASE + "RUN apt-get update && apt-get upgrade -y\n" + TAIL),
              Map.entry("PC-DF-204", BASE + "RUN apk update\n" + TAIL),
              Map.entry(
                  "PC-DF-205",
                  BASE + "RUN apt-get install --no-install-recommends curl=8.5.0-2\n" + TAIL),
              Map.entry(
                  "PC-DF-206",
                  BASE + "RUN apt-get install -y --no-install-recommends curl\n" + TAIL),
              Map.entry("PC-DF-207", BASE + "RUN apt install -y curl\n" + TAIL),
              Map.entry("PC-DF-208", BASE + "RUN apt-get dist-upgrade -y\n" + TAIL),
              Map.entry(
                  "PC-DF-210", BASE + "RUN yum install httpd-2.4.6 && yum clean all\n" + TAIL),
              Map.entry("PC-DF-211", BASE + "RUN yum install -y httpd-2.4.6\n" + TAIL),
              Map.entry("PC-DF-212", BASE + "RUN yum install -y httpd && yum clean all\n" + TAIL),
              Map.entry("PC-DF-213", BASE + "RUN dnf install nginx-1.26 && dnf clean all\n" + TAIL),
              Map.entry("PC-DF-214", BASE + "RUN microdnf install -y tar-1.34\n" + TAIL),
              Map.entry("PC-DF-215", BASE + "RUN dnf install -y nginx && dnf clean all\n" + TAIL),
              Map.entry("PC-DF-216", BASE + "RUN zypper install curl=8 && zypper clean\n" + TAIL),
              Map.entry("PC-DF-217", BASE + "RUN zypper -n install curl=8\n" + TAIL),
              Map.entry("PC-DF-218", BASE + "RUN zypper -n in curl && zypper cc\n" + TAIL),
              Map.entry("PC-DF-219", BASE + "RUN zypper -n dup\n" + TAIL),
              Map.entry("PC-DF-220", BASE + "RUN pip install --no-cache-dir flask\n" + TAIL),
              Map.entry("PC-DF-221", BASE + "RUN pip3 install flask==3.0.3\n" + TAIL),
              Map.entry("PC-DF-222", BASE + "RUN npm install -g pm2\n" + TAIL),
              Map.entry("PC-DF-223", BASE + "RUN gem install bundler\n" + TAIL),
              Map.entry("PC-DF-224", BASE + "RUN yarn install --frozen-lockfile\n" + TAIL),
              Map.entry(
                  "PC-DF-225", BASE + "WORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n" + TAIL),
              Map.entry("PC-DF-300", BASE + "WORKDIR app\n" + TAIL),
              Map.entry("PC-DF-301", BASE + "RUN cd /tmp && make\n" + TAIL),
              Map.entry("PC-DF-302", BASE + "MAINTAINER me@example.com\n" + TAIL),
              Map.entry("PC-DF-303", BASE + "ADD app.jar /app/\n" + TAIL),
              Map.entry("PC-DF-304", BASE + "COPY a b /dest\n" + TAIL),
              Map.entry("PC-DF-305", BASE + "CMD node server.js\n" + TAIL),
              Map.entry("PC-DF-306", BASE + "CMD [\"a\"]\nCMD [\"b\"]\n" + TAIL),
              Map.entry("PC-DF-307", BASE + "ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n" + TAIL),
              Map.entry("PC-DF-308", BASE + "HEALTHCHECK NONE\nUSER 1\nHEALTHCHECK NONE\n"),
              Map.entry("PC-DF-310", BASE + "EXPOSE 80000\n" + TAIL),
              Map.entry(
                  "PC-DF-311",
                  BASE
                      + "RUN curl -fsSo a https://x/a\nWORKDIR /a\nRUN wget -q https://x/b\n"
                      + TAIL),
              Map.entry("PC-DF-312", BASE + "RUN ln -sf /bin/bash /bin/sh\n" + TAIL),
              Map.entry("PC-DF-313", BASE + "RUN cat /etc/os-release | grep ID\n" + TAIL),
              Map.entry("PC-DF-314", BASE + "ENV A=/opt B=$A/bin\n" + TAIL),
              Map.entry("PC-DF-315", BASE + "COPY app.jar app.jar\n" + TAIL),
              Map.entry("PC-DF-316", BASE + "RUN useradd -u 123456789 app\n" + TAIL),
              Map.entry("PC-DF-317", BASE + "RUN wget https://x/y.tgz\n" + TAIL),
              Map.entry("PC-DF-318", BASE + "LABEL Maintainer=me\n" + TAIL),
              Map.entry("PC-DF-319", BASE + "LABEL org.example.team=\"\"\n" + TAIL),
              Map.entry("PC-DF-320", BASE + "RUN true\nRUN false\n" + TAIL),
              Map.entry("PC-DF-321", BASE + "RUN service nginx start\n" + TAIL),
              Map.entry("PC-DF-322", BASE + "WORKDIR /proc/self\n" + TAIL)));

  static Stream<Arguments> rules() {
    return Rules.all().stream().map(r -> Arguments.of(r.id(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void everyRuleFiresOnItsExample(String id, Rule rule) {
    String example = EXAMPLES.get(id);
    assertThat(example).as("an example for " + id).isNotNull();
    Dockerignore missing = new Dockerignore(".dockerignore", false, List.of(".git"));

    List<LintFinding> findings =
        Lint.result(example, Lint.DEFAULT.dockerfile(), missing).findings();

    assertThat(findings).extracting(LintFinding::ruleId).contains(id);
    assertThat(rule.fix()).isNotBlank();
    assertThat(rule.title()).isNotBlank();
  }

  @Test
  void idsAreUniqueAndFollowTheScheme() {
    Set<String> ids = new HashSet<>();
    Set<String> aliases = new HashSet<>();
    for (Rule rule : Rules.all()) {
      assertThat(rule.id()).matches("PC-DF-[0-3]\\d\\d");
      assertThat(ids.add(rule.id())).as(rule.id()).isTrue();
      for (String alias : rule.aliases()) {
        assertThat(alias).matches("DL\\d{4}");
        assertThat(aliases.add(alias)).as(alias + " on one rule only").isTrue();
      }
      for (String trivy : rule.trivy()) {
        assertThat(trivy).matches("DS\\d{3}");
        assertThat(aliases.add(trivy)).as(trivy + " on one rule only").isTrue();
      }
    }
  }

  @Test
  void everyIdOfARuleNamesItAndOnlyUnknownIdsOfOurSchemesAreUnknown() {
    assertThat(Rules.named("DS031")).map(Rule::id).contains("PC-DF-101");
    assertThat(Rules.named("ds030")).map(Rule::id).contains("PC-DF-322");
    assertThat(Rules.named("AVD-DS-0001")).map(Rule::id).contains("PC-DF-002");
    assertThat(Rules.named("DL3007")).map(Rule::id).contains("PC-DF-002");
    for (Rule rule : Rules.all()) {
      assertThat(rule.otherIds()).allSatisfy(id -> assertThat(rule.isNamed(id)).isTrue());
    }
    assertThat(Rules.isUnknownDockerfileId("DS999")).isTrue();
    assertThat(Rules.isUnknownDockerfileId("PC-DF-999")).isTrue();
    assertThat(Rules.isUnknownDockerfileId("DL3049")).isTrue();
    assertThat(Rules.isUnknownDockerfileId("DS001")).isFalse();
    assertThat(Rules.isUnknownDockerfileId("CVE-2024-1234")).isFalse();
    assertThat(Rules.isUnknownDockerfileId("DSA-5678-1")).isFalse();
    assertThat(Rules.isUnknownDockerfileId("DLA-3456-1")).isFalse();
  }

  @Test
  void everyRuleIsDocumentedWithItsAliases() throws IOException {
    String docs = Files.readString(Path.of("docs/dockerfile-rules.md"));

    for (Rule rule : Rules.all()) {
      assertThat(docs).contains("`" + rule.id() + "`");
      for (String alias : rule.otherIds()) {
        assertThat(docs).containsPattern(Pattern.quote(rule.id()) + "`[^\\n]*" + alias);
      }
    }
  }
}
