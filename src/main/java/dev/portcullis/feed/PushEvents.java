package dev.portcullis.feed;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The push notifications registries send, read as hostile input into the images to scan. Events
 * other than pushes of a manifest or index (pulls, deletes, blob uploads) are skipped, not refused,
 * because registries redeliver a refused notification until it is accepted.
 */
public final class PushEvents {

  /** A notification larger than this is refused unread; real ones are a few kilobytes. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Events (or Harbor resources) accepted in one notification. */
  public static final int MAX_EVENTS = 1000;

  /** The media types of distribution's envelope: v1 up to distribution 2.8, v2 from 3.0. */
  public static final List<String> DISTRIBUTION_MEDIA_TYPES =
      List.of(
          "application/vnd.docker.distribution.events.v1+json",
          "application/vnd.docker.distribution.events.v2+json");

  private PushEvents() {}

  /** Reads a request body, refusing one larger than {@link #MAX_BODY_BYTES}. */
  public static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new InputException(
            "push notification: larger than " + MAX_BODY_BYTES + " bytes; refusing to read it");
      }
      return bytes;
    }
  }

  /**
   * The manifests pushed according to a CNCF distribution (Docker registry) notification envelope.
   */
  public static List<PushedImage> fromDistribution(byte[] body) throws InputException {
    return DistributionEnvelope.pushes(body);
  }

  /** The artifacts pushed according to a Harbor webhook, in its Default or CloudEvents format. */
  public static List<PushedImage> fromHarbor(byte[] body) throws InputException {
    return HarborPayload.pushes(body);
  }
}
