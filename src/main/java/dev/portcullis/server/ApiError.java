package dev.portcullis.server;

/** A request the server refuses, with the status and the one-line reason the client is told. */
final class ApiError extends RuntimeException {

  private final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }
}
