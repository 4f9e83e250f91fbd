package dev.portcullis.submit;

import dev.portcullis.image.InputException;

/** The report could not be uploaded; the message says to where and why (exit code 2). */
public final class UploadException extends InputException {

  public UploadException(String message) {
    super(message);
  }
}
