package dev.portcullis.baseimage;

import dev.portcullis.misconfig.dockerfile.BaseImage;
import dev.portcullis.misconfig.dockerfile.Dockerfile;
import dev.portcullis.misconfig.dockerfile.DockerfileFinder;
import dev.portcullis.misconfig.dockerfile.DockerfileParser;
import dev.portcullis.misconfig.dockerfile.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry images the FROM lines of Dockerfiles build on: every stage, with the build arguments
 * declared before the first FROM substituted as the builder does.
 */
public final class FromReferences {

  private final DockerfileParser parser = new DockerfileParser();

  /**
   * @param arguments Dockerfiles, or directories to search for them
   */
  public List<FromReference> find(List<Path> arguments) throws IOException {
    List<FromReference> found = new ArrayList<>();
    for (DockerfileFinder.Found file : new DockerfileFinder().find(arguments)) {
      Dockerfile dockerfile = parser.parse(file.path(), file.display());
      for (Stage stage : dockerfile.stages()) {
        reference(file, stage).ifPresent(found::add);
      }
    }
    return found;
  }

  private static Optional<FromReference> reference(DockerfileFinder.Found file, Stage stage) {
    BaseImage base = stage.base();
    String problem =
        switch (base.kind()) {
          case SCRATCH, STAGE -> null;
          case IMAGE -> "";
          case UNRESOLVED ->
              "the image comes from build arguments without a default ("
                  + String.join(", ", base.unresolved())
                  + "); give them defaults with ARG before the first FROM";
          case INVALID -> "'" + base.resolved() + "' is not a valid image reference";
        };
    if (problem == null) {
      return Optional.empty();
    }
    return Optional.of(
        new FromReference(
            file.display(),
            file.path(),
            stage.from().line(),
            stage.label(),
            base.written(),
            base.isImage() ? base.reference() : null,
            problem.isEmpty() ? null : problem));
  }
}
