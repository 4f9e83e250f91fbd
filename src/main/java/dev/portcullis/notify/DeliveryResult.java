package dev.portcullis.notify;

/**
 * How a delivery ended. The detail never holds the URL or the secret, so it may be logged and
 * stored.
 *
 * @param delivered whether the receiver accepted it (a 2xx answer)
 * @param attempts the requests made
 * @param lastStatus the HTTP status of the last answer; 0 when the last attempt got none (could not
 *     connect, timed out)
 * @param detail one line: the last answer or error, and why it was not retried
 */
public record DeliveryResult(boolean delivered, int attempts, int lastStatus, String detail) {

  static DeliveryResult delivered(int attempts, int status) {
    return new DeliveryResult(true, attempts, status, "delivered: HTTP " + status);
  }

  static DeliveryResult gaveUp(int attempts, int status, String detail) {
    return new DeliveryResult(false, attempts, status, detail);
  }
}
