package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * A parsed Dockerfile.
 *
 * @param path where it was read from, as the user named it
 * @param escape the escape character ({@code \} or a backtick from the {@code # escape=} directive)
 * @param globalArgs the ARG instructions before the first FROM
 * @param instructions every instruction in order (also those in {@code globalArgs})
 * @param stages the build stages in order; the last one is the image that ships
 * @param comments comment lines, for inline suppressions
 * @param problems what a builder would reject or misread, each with its line
 */
public record Dockerfile(
    String path,
    char escape,
    List<Instruction> globalArgs,
    List<Instruction> instructions,
    List<Stage> stages,
    List<Comment> comments,
    List<ParseProblem> problems) {

  public Dockerfile {
    globalArgs = List.copyOf(globalArgs);
    instructions = List.copyOf(instructions);
    stages = List.copyOf(stages);
    comments = List.copyOf(comments);
    problems = List.copyOf(problems);
  }

  /** The stage that becomes the image, or null for a file without FROM. */
  public Stage finalStage() {
    return stages.isEmpty() ? null : stages.get(stages.size() - 1);
  }
}
