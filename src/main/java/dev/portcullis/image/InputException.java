package dev.portcullis.image;

import java.io.IOException;

/**
 * The input (an image, a file, a registry answer) is unusable. The message says what was being done
 * and what is wrong; the CLI prints it as one line and exits with 2.
 */
public class InputException extends IOException {

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
