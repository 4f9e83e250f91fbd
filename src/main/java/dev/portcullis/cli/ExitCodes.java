package dev.portcullis.cli;

/** One exit-code contract for every command. */
final class ExitCodes {

  static final int OK = 0;

  /** A check failed that has no --exit-code of its own (version compare --check). */
  static final int CHECK_FAILED = 1;

  static final int INPUT_ERROR = 2;
  static final int INTERNAL_ERROR = 3;

  private ExitCodes() {}
}
