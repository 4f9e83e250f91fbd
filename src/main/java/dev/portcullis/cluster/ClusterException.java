package dev.portcullis.cluster;

import dev.portcullis.image.InputException;

/**
 * A cluster could not be reached, refused a request or answered with something unusable; the
 * message is one line, names the cluster and what was attempted, and never holds a credential.
 */
public final class ClusterException extends InputException {

  ClusterException(String message) {
    super(message);
  }

  ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
