package dev.portcullis.cli;

/** The command line asks for something that cannot be done; exit code 2. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }
}
