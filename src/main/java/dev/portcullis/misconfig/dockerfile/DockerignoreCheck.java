package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.glob.Glob;

/**
 * PC-DF-107: seed 002 §5, a .dockerignore that keeps {@code .git}, {@code .env}, {@code
 * node_modules} and {@code *.log} out of the build context, checked where the Dockerfile first
 * copies from the context (a Dockerfile that never does cannot copy them into the image).
 */
final class DockerignoreCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    Dockerignore ignore = context.dockerignore();
    if (ignore == null || (ignore.exists() && ignore.missing().isEmpty())) {
      return;
    }
    char escape = context.file().escape();
    for (Stage stage : context.stages()) {
      for (Instruction instruction : stage.instructions()) {
        if ((instruction.is("COPY") || instruction.is("ADD"))
            && CopyArguments.fromContext(instruction, escape)
            && copiesMany(CopyArguments.of(instruction, escape))) {
          String copy =
              instruction.keyword()
                  + " "
                  + String.join(" ", CopyArguments.of(instruction, escape).sources());
          String message =
              ignore.exists()
                  ? ignore.path()
                      + " does not exclude "
                      + String.join(", ", ignore.missing())
                      + ": "
                      + copy
                      + " can copy them into the image"
                  : "no "
                      + ignore.path()
                      + " next to the Dockerfile: "
                      + copy
                      + " can copy .git, .env, node_modules and *.log into the image";
          findings.add(Rules.DOCKERIGNORE, stage, instruction, message);
          return;
        }
      }
    }
  }

  /** Whether a source can take in one of the names: a directory, or a glob that matches one. */
  private static boolean copiesMany(CopyArguments arguments) {
    for (String source : arguments.sources()) {
      if (CopyArguments.isWholeContext(source) || source.endsWith("/")) {
        return true;
      }
      if ((source.contains("*") || source.contains("?")) && lastSegmentMatchesOne(source)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Matched by {@link Glob}, in linear time: a source written to backtrack ({@code a*a*a*…b}) took
   * a translation to {@code java.util.regex} beyond any timeout (found by fuzzing). A glob too long
   * to compile is taken to match, as it could.
   */
  private static boolean lastSegmentMatchesOne(String source) {
    String last = source.substring(source.lastIndexOf('/') + 1);
    if (last.length() > Glob.MAX_PATTERN_LENGTH) {
      return true;
    }
    Glob glob = Glob.simple(last);
    return Dockerignore.REQUIRED.values().stream().anyMatch(glob::matches);
  }
}
