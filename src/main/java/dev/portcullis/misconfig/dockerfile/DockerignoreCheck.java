package dev.portcullis.misconfig.dockerfile;

import java.util.regex.Pattern;

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
      if (source.contains("*") || source.contains("?")) {
        String last = source.substring(source.lastIndexOf('/') + 1);
        Pattern glob =
            Pattern.compile(Pattern.quote(last).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
        for (String name : Dockerignore.REQUIRED.values()) {
          if (glob.matcher(name).matches()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
