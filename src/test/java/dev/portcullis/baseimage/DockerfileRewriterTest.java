package dev.portcullis.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.baseimage.DockerfileRewriter.Edit;
import dev.portcullis.image.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileRewriterTest {

  private final DockerfileRewriter rewriter = new DockerfileRewriter();

  @Test
  void replacesOnlyTheImageOfEachFromLine() throws InputException {
    String text =
        "FROM node:20.10 AS build\n"
            + "RUN echo node:20.10\n"
            + "FROM \\\n"
            + "    node:20.10-alpine\n"
            + "# FROM node:20.10\n";
    String result =
        rewriter.apply(
            "Dockerfile",
            text,
            List.of(
                new Edit(1, "node:20.10", "node:20.11"),
                new Edit(3, "node:20.10-alpine", "node:20.11-alpine")));
    assertThat(result)
        .isEqualTo(
            "FROM node:20.11 AS build\n"
                + "RUN echo node:20.10\n"
                + "FROM \\\n"
                + "    node:20.11-alpine\n"
                + "# FROM node:20.10\n");
  }

  @Test
  void aTagThatOnlyStartsLikeTheImageIsNotTouched() throws InputException {
    assertThat(
            rewriter.apply(
                "Dockerfile",
                "FROM node:20.10-alpine\nFROM node:20.10\n",
                List.of(new Edit(2, "node:20.10", "node:20.11"))))
        .isEqualTo("FROM node:20.10-alpine\nFROM node:20.11\n");
  }

  @Test
  void aFromThatNoLongerNamesTheImageIsAnError() {
    assertThatThrownBy(
            () ->
                rewriter.apply(
                    "Dockerfile",
                    "FROM debian:12\n",
                    List.of(new Edit(1, "debian:11", "debian:12"))))
        .hasMessageContaining("Dockerfile:1: FROM no longer names debian:11");
  }
}
