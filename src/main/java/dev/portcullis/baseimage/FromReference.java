package dev.portcullis.baseimage;

import dev.portcullis.registry.ImageReference;
import java.nio.file.Path;

/**
 * One FROM of a Dockerfile that names a registry image (not {@code scratch}, not an earlier stage).
 *
 * @param file the Dockerfile as reports show it
 * @param path where to read and rewrite it
 * @param line the FROM's line (1-based)
 * @param stage the stage's name, else its index
 * @param written the image as the FROM line writes it, build arguments unexpanded
 * @param image the image with build arguments substituted and Docker Hub's defaults filled in; null
 *     when it cannot be known (then {@code problem} says why)
 * @param problem why the image cannot be checked, or null
 */
public record FromReference(
    String file,
    Path path,
    int line,
    String stage,
    String written,
    ImageReference image,
    String problem) {

  /** Whether the FROM writes the image itself, so that rewriting the line changes it. */
  public boolean writtenLiterally() {
    return !written.contains("$");
  }

  /** {@code file:line}, as reports locate it. */
  public String location() {
    return file + ":" + line;
  }
}
