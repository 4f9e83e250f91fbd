package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dockerfile parser: BuildKit's syntax, line numbers, and input that is not a Dockerfile. */
class DockerfileParserTest {

  @TempDir Path dir;

  private static Dockerfile parse(String text) {
    return new DockerfileParser().parse("Dockerfile", text);
  }

  private static List<String> keywords(Dockerfile file) {
    return file.instructions().stream().map(Instruction::keyword).toList();
  }

  @Test
  void continuationLinesJoinAndTheInstructionKeepsItsFirstAndLastLine() {
    Dockerfile file =
        parse(
            """
            FROM alpine:3.20
            RUN apk add --no-cache \\
                curl \\
                jq
            USER app
            """);

    Instruction run = file.instructions().get(1);
    assertThat(run.arguments()).isEqualTo("apk add --no-cache     curl     jq");
    assertThat(run.line()).isEqualTo(2);
    assertThat(run.endLine()).isEqualTo(4);
    assertThat(file.instructions().get(2).line()).isEqualTo(5);
  }

  @Test
  void commentAndEmptyLinesInsideAContinuationAreDropped() {
    Dockerfile file =
        parse("FROM alpine:3.20\nRUN echo a \\\n# a comment\n\n    && echo b\nCMD [\"x\"]\n");

    assertThat(file.instructions().get(1).arguments()).isEqualTo("echo a     && echo b");
    assertThat(file.instructions().get(2).line()).isEqualTo(6);
  }

  @Test
  void escapeDirectiveMakesTheBacktickTheContinuationCharacter() {
    Dockerfile file =
        parse(
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
                + "RUN dir c:\\ `\n    && echo done\n");

    assertThat(file.escape()).isEqualTo('`');
    assertThat(file.instructions().get(1).arguments()).isEqualTo("dir c:\\     && echo done");
    assertThat(file.problems()).isEmpty();
  }

  @Test
  void aDirectiveAfterAnythingElseIsOnlyAComment() {
    Dockerfile file = parse("# a comment\n# escape=`\nFROM alpine:3.20\nRUN echo \\\n  b\n");

    assertThat(file.escape()).isEqualTo('\\');
    assertThat(file.instructions()).hasSize(2);
  }

  @Test
  void keywordsAreCaseInsensitive() {
    Dockerfile file = parse("from alpine:3.20 as Build\nRun echo hi\ncopy a b\n");

    assertThat(keywords(file)).containsExactly("FROM", "RUN", "COPY");
    assertThat(file.stages().get(0).name()).isEqualTo("build");
  }

  @Test
  void heredocBodyBelongsToItsRunAndTheNextInstructionKeepsItsLine() {
    Dockerfile file =
        parse(
            """
            FROM debian:12-slim
            RUN <<EOF
            apt-get update
            apt-get install -y curl
            EOF
            COPY <<-"CONF" <<OTHER /etc/app/
            \tkey=value
            \tCONF
            second
            OTHER
            USER 1000
            """);

    Instruction run = file.instructions().get(1);
    assertThat(run.heredocs()).hasSize(1);
    assertThat(run.heredocs().get(0).body()).isEqualTo("apt-get update\napt-get install -y curl");
    assertThat(run.endLine()).isEqualTo(5);
    Instruction copy = file.instructions().get(2);
    assertThat(copy.heredocs())
        .extracting(Heredoc::name, Heredoc::body)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CONF", "key=value"),
            org.assertj.core.groups.Tuple.tuple("OTHER", "second"));
    assertThat(file.instructions().get(3).line()).isEqualTo(11);
    assertThat(file.problems()).isEmpty();
  }

  @Test
  void unterminatedHeredocIsAProblemAtItsRunAndSwallowsTheRest() {
    Dockerfile file = parse("FROM alpine:3.20\nRUN <<EOF\necho hi\nUSER app\n");

    assertThat(file.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("<<EOF", "never closed");
            });
    assertThat(keywords(file)).containsExactly("FROM", "RUN");
  }

  @Test
  void shiftInArithmeticIsNoHeredoc() {
    Dockerfile file = parse("FROM alpine:3.20\nRUN echo $((1<<2))\nUSER app\n");

    assertThat(file.instructions().get(1).heredocs()).isEmpty();
    assertThat(keywords(file)).containsExactly("FROM", "RUN", "USER");
  }

  @Test
  void jsonFormIsParsedAndBrokenJsonIsShellForm() {
    Dockerfile file =
        parse("FROM alpine:3.20\nCMD [\"node\", \"server.js\", \"a\\\"b\"]\nENTRYPOINT [\"x\",]\n");

    assertThat(file.instructions().get(1).execForm()).containsExactly("node", "server.js", "a\"b");
    assertThat(file.instructions().get(2).isExecForm()).isFalse();
  }

  @Test
  void flagsAreReadBeforeTheArguments() {
    Dockerfile file =
        parse(
            """
            FROM --platform=$BUILDPLATFORM golang:1.22 AS build
            RUN --mount=type=cache,target=/root/.cache/go-build --network=none go build ./...
            FROM alpine:3.20
            COPY --from=build --chown=app:app --link /out/app /usr/local/bin/app
            """);

    Instruction run = file.instructions().get(1);
    assertThat(run.flagValue("mount")).isEqualTo("type=cache,target=/root/.cache/go-build");
    assertThat(run.flagValue("network")).isEqualTo("none");
    assertThat(run.arguments()).isEqualTo("go build ./...");
    Instruction copy = file.instructions().get(3);
    assertThat(copy.flagValue("from")).isEqualTo("build");
    assertThat(copy.flagValue("chown")).isEqualTo("app:app");
    assertThat(copy.flag("link")).isPresent();
    assertThat(file.stages().get(0).platform()).isEqualTo("$BUILDPLATFORM");
  }

  @Test
  void argsBeforeFromAreSubstitutedIntoFrom() {
    Dockerfile file =
        parse(
            """
            ARG REGISTRY=docker.io
            ARG VARIANT
            ARG NODE_VERSION=20
            FROM ${REGISTRY}/library/node:${NODE_VERSION}-${VARIANT:-alpine} AS build
            FROM $REGISTRY/library/alpine:3.20
            FROM node:${UNSET_VERSION}
            """);

    assertThat(file.globalArgs()).hasSize(3);
    BaseImage first = file.stages().get(0).base();
    assertThat(first.resolved()).isEqualTo("docker.io/library/node:20-alpine");
    assertThat(first.kind()).isEqualTo(BaseImage.Kind.IMAGE);
    assertThat(first.reference().repository()).isEqualTo("library/node");
    assertThat(file.stages().get(1).base().resolved()).isEqualTo("docker.io/library/alpine:3.20");
    BaseImage unresolved = file.stages().get(2).base();
    assertThat(unresolved.kind()).isEqualTo(BaseImage.Kind.UNRESOLVED);
    assertThat(unresolved.unresolved()).containsExactly("UNSET_VERSION");
  }

  @Test
  void stageVariablesAreSubstitutedInUserWorkdirAndCopy() {
    Dockerfile file =
        parse(
            """
            FROM alpine:3.20
            ARG APP_USER=app
            ENV HOME_DIR=/srv/$APP_USER
            WORKDIR $HOME_DIR
            USER ${APP_USER}
            USER $FROM_THE_BASE_IMAGE
            """);

    List<Instruction> body = file.stages().get(0).instructions();
    assertThat(body.get(2).expanded()).isEqualTo("/srv/app");
    assertThat(body.get(3).expanded()).isEqualTo("app");
    assertThat(body.get(4).resolved()).isFalse();
  }

  @Test
  void stagesKnowTheirNamesAndTheStageTheyAreBuiltOn() {
    Dockerfile file =
        parse(
            """
            FROM node:20-alpine AS Deps
            FROM deps AS build
            FROM scratch
            COPY --from=build /app /app
            """);

    assertThat(file.stages()).extracting(Stage::name).containsExactly("deps", "build", null);
    assertThat(file.stages().get(1).base().kind()).isEqualTo(BaseImage.Kind.STAGE);
    assertThat(file.stages().get(1).base().parentStage()).isZero();
    assertThat(file.stages().get(2).base().kind()).isEqualTo(BaseImage.Kind.SCRATCH);
    assertThat(file.finalStage().label()).isEqualTo("2");
  }

  @Test
  void onbuildCarriesItsTrigger() {
    Dockerfile file = parse("FROM python:3.12-slim\nONBUILD COPY requirements.txt /app/\n");

    Instruction onbuild = file.instructions().get(1);
    assertThat(onbuild.trigger().keyword()).isEqualTo("COPY");
    assertThat(onbuild.trigger().arguments()).isEqualTo("requirements.txt /app/");
  }

  @Test
  void unknownInstructionIsAProblemWithItsLineAndAHint() {
    Dockerfile file =
        parse("FROM alpine:3.20\nRUN apk add --no-cache curl\n    jq\nFORM x\nUSER app\n");

    assertThat(file.problems()).extracting(ParseProblem::line).containsExactly(3, 4);
    assertThat(file.problems().get(0).message())
        .contains("unknown instruction 'jq'", "end that line");
    assertThat(keywords(file)).containsExactly("FROM", "RUN", "USER");
  }

  @Test
  void envPairWithoutEqualsIsAProblemAndTheOtherPairsAreKept() {
    // Found by DockerfileParserFuzzTest: the builder refuses "ENV A=a B"; this threw an NPE.
    Dockerfile file = parse("FROM alpine:3.20\nENV A=a B\nWORKDIR /$A\n");

    assertThat(file.problems()).extracting(ParseProblem::line).containsExactly(2);
    assertThat(file.problems().get(0).message()).contains("ENV B has no '='");
    assertThat(file.instructions().get(2).expanded()).isEqualTo("/a");
  }

  @Test
  void colonWithoutOperatorExpandsToTheValue() {
    // Found by DockerfileParserFuzzTest: "${BASE:}" threw StringIndexOutOfBoundsException.
    Dockerfile file = parse("ARG BASE=alpine:3.20\nFROM ${BASE:}\nENV DIR=app\nWORKDIR /${DIR:}\n");

    assertThat(file.instructions().get(3).expanded()).isEqualTo("/app");
  }

  @Test
  void instructionsBeforeTheFirstFromAreAnOrderProblem() {
    Dockerfile file = parse("LABEL a=b\nARG X=1\nFROM alpine:3.20\n");

    assertThat(file.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.ruleId()).isEqualTo(Rules.ORDER));
  }

  @Test
  void fileWithoutFromIsAProblemNotACrash() {
    assertThat(parse("").problems()).singleElement().satisfies(p -> assertThat(p.line()).isOne());
    assertThat(parse("# only a comment\n\n").stages()).isEmpty();
  }

  @Test
  void invalidImageReferenceAndMissingArgumentsAreProblems() {
    Dockerfile file = parse("FROM Ubuntu:22.04\nRUN\nFROM alpine:3.20 AS 1bad\n");

    assertThat(file.problems())
        .extracting(ParseProblem::line, p -> p.message().split(":")[0])
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "FROM Ubuntu"),
            org.assertj.core.groups.Tuple.tuple(2, "RUN without arguments; the builder stops"),
            org.assertj.core.groups.Tuple.tuple(3, "stage name '1bad' is not valid"));
  }

  @Test
  void windowsLineEndingsAndAByteOrderMarkAreText() throws InputException {
    byte[] content =
        "\uFEFFFROM alpine:3.20\r\nRUN echo a \\\r\n  b\r\nUSER app\r\n"
            .getBytes(StandardCharsets.UTF_8);

    Dockerfile file = new DockerfileParser().parse("Dockerfile", content);

    assertThat(keywords(file)).containsExactly("FROM", "RUN", "USER");
    assertThat(file.instructions().get(1).arguments()).isEqualTo("echo a   b");
    assertThat(file.instructions().get(2).line()).isEqualTo(4);
  }

  @Test
  void binaryContentIsRefusedWithFileAndLine() {
    byte[] content = "FROM alpine\nRUN x\n\0\1\2".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> new DockerfileParser().parse("app/Dockerfile", content))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("app/Dockerfile:3: binary content");
  }

  @Test
  void enormousFileIsRefusedBeforeItIsRead() throws IOException {
    Path huge = dir.resolve("Dockerfile");
    try (OutputStream out = Files.newOutputStream(huge)) {
      byte[] line =
          "RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".getBytes();
      for (long written = 0; written <= DockerfileParser.MAX_BYTES; written += line.length) {
        out.write(line);
      }
    }

    assertThatThrownBy(() -> new DockerfileParser().parse(huge, "Dockerfile"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("Dockerfile: ")
        .hasMessageContaining("more than the 4194304 bytes a Dockerfile may have");
  }

  @Test
  void largeValidFileParsesWithEveryLineNumber() {
    StringBuilder text = new StringBuilder("FROM alpine:3.20\n");
    for (int i = 0; i < 20_000; i++) {
      text.append("RUN echo ").append(i).append(" \\\n  && true\n");
    }

    Dockerfile file = parse(text.toString());

    assertThat(file.instructions()).hasSize(20_001);
    assertThat(file.instructions().get(20_000).line()).isEqualTo(2 + 2 * 19_999);
  }

  @Test
  void arbitraryTextNeverThrows() {
    Random random = new Random(42);
    String alphabet = "FROM RUN COPY ARG ${}:-\\`'\"\n\t #=[],<<EOF-->|&;$()abc/.@";
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(300);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Dockerfile file = parse(text.toString());
      assertThat(file).isNotNull();
      for (Stage stage : file.stages()) {
        for (Instruction instruction : stage.instructions()) {
          if (instruction.is("RUN")) {
            assertThat(ShellScript.parse(instruction.arguments())).isNotNull();
          }
        }
      }
    }
  }
}
