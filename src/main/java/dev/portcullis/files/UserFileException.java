package dev.portcullis.files;

import dev.portcullis.image.InputException;
import java.nio.file.Path;

/** A named file that cannot be read as its kind: missing, not a regular file, too large. */
public final class UserFileException extends InputException {

  private final String reason;

  UserFileException(Path file, String reason) {
    super(file + ": " + reason);
    this.reason = reason;
  }

  /** What is wrong, without the file's name: for reports that name the file themselves. */
  public String reason() {
    return reason;
  }
}
