package dev.portcullis.attribution;

import dev.portcullis.misconfig.dockerfile.BaseImage;
import dev.portcullis.misconfig.dockerfile.Dockerfile;
import dev.portcullis.misconfig.dockerfile.DockerfileParser;
import dev.portcullis.misconfig.dockerfile.Stage;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The image a Dockerfile's final stage builds on, through the stages it names ({@code FROM build AS
 * final}), with the build arguments declared before the first FROM substituted.
 */
final class DockerfileBase {

  private final DockerfileParser parser = new DockerfileParser();

  /**
   * @param written the base as the FROM writes it (arguments substituted), or null
   * @param reference the registry image; null for {@code scratch} or a problem
   * @param scratch whether the final stage builds on nothing
   * @param problem why the base cannot be known, or null
   */
  record Found(String written, ImageReference reference, boolean scratch, String problem) {}

  Found finalBase(Path file) {
    Dockerfile dockerfile;
    try {
      dockerfile = parser.parse(file, file.toString());
    } catch (IOException e) {
      return new Found(null, null, false, "the Dockerfile could not be read: " + e.getMessage());
    }
    Stage stage = dockerfile.finalStage();
    if (stage == null) {
      return new Found(null, null, false, file + " has no FROM");
    }
    // Stages can only name earlier ones, so this ends; the bound guards a parser surprise.
    for (int hops = 0; hops <= dockerfile.stages().size(); hops++) {
      BaseImage base = stage.base();
      String where = file + ":" + stage.from().line();
      switch (base.kind()) {
        case IMAGE:
          return new Found(base.resolved(), base.reference(), false, null);
        case SCRATCH:
          return new Found("scratch", null, true, null);
        case STAGE:
          stage = dockerfile.stages().get(base.parentStage());
          continue;
        case UNRESOLVED:
          return new Found(
              base.written(),
              null,
              false,
              where
                  + ": the FROM's image comes from build arguments without a value ("
                  + base.whyUnset()
                  + ")");
        case INVALID:
          return new Found(
              base.written(),
              null,
              false,
              where + ": '" + base.resolved() + "' is not a valid image reference");
      }
    }
    return new Found(null, null, false, file + ": the final stage's FROM leads to no image");
  }
}
