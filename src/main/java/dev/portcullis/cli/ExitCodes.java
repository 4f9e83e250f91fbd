package dev.portcullis.cli;

/** One exit-code contract for every command. */
final class ExitCodes {

  static final int OK = 0;

  /** The default when a gate fails and the user gave no --exit-code. */
  static final int GATE_FAILED = 1;

  static final int INPUT_ERROR = 2;
  static final int INTERNAL_ERROR = 3;

  private ExitCodes() {}
}
