package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dockerfiles written to exhaust memory or time: bounded, reported, never a JVM error. */
class DockerfileLimitsTest {

  @Test
  void variablesThatDoubleWithEveryLineStopAtTheLimitAndSaySo() {
    StringBuilder text = new StringBuilder("ARG A0=xxxxxxxxxxxxxxxx\n");
    for (int i = 1; i <= 60; i++) {
      text.append("ARG A").append(i).append("=$A").append(i - 1).append("$A").append(i - 1);
      text.append('\n');
    }
    text.append("FROM debian:12.8-slim\nENV B0=$A60\n");
    for (int i = 1; i <= 60; i++) {
      text.append("ENV B").append(i).append("=${B").append(i - 1).append("}${B");
      text.append(i - 1).append("}\n");
    }
    text.append("RUN echo $B60\n");

    List<LintFinding> parse = Lint.of(Rules.PARSE, text.toString());

    assertThat(parse).isNotEmpty();
    assertThat(parse.get(0).message()).contains("1048576 characters").contains("left unexpanded");
  }

  @Test
  void manyInstructionsAndStagesThatNameTheirPredecessorAreLintedInOnePass() {
    StringBuilder text = new StringBuilder("FROM debian:12.8-slim AS s0\n");
    for (int i = 1; i < 10_000; i++) {
      text.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n');
    }
    for (int i = 0; i < 100_000; i++) {
      text.append("ENV V").append(i).append("=$V").append(Math.max(0, i - 1)).append('\n');
    }

    Dockerfile file = new DockerfileParser().parse("Dockerfile", text.toString());
    LintResult linted =
        new DockerfileLinter(Lint.DEFAULT.baseImages(), Lint.DEFAULT.dockerfile())
            .lint(file, Lint.GOOD_IGNORE);

    assertThat(linted.findings()).isNotEmpty();
    assertThat(file.stages()).hasSize(10_000);
    assertThat(file.stages().get(9_999).base().parentStage()).isEqualTo(9_998);
  }
}
