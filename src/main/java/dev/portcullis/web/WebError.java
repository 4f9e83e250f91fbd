package dev.portcullis.web;

/** A request the dashboard refuses, shown as an error page with this status. */
final class WebError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  WebError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
