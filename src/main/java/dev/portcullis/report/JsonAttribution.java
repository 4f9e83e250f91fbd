package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Attribution.Method;
import java.util.List;

/**
 * The JSON reports' {@code attribution} block: which base image the image was built on, how that
 * was told, and which layers are the base's; or why that is unknown.
 *
 * @param status {@code known} or {@code unknown}
 * @param method {@code annotation}, {@code label}, {@code dockerfile}, {@code flag} or {@code
 *     history-guess}
 * @param guess true where the base was guessed from the history; absent otherwise
 * @param baseLayers the diffIDs of the image's lowest layers, which are the base's
 */
record JsonAttribution(
    String status,
    String method,
    Boolean guess,
    String baseImage,
    String baseDigest,
    List<String> baseLayers,
    String reason) {

  static JsonAttribution of(Attribution a) {
    if (a == null) {
      return null;
    }
    return new JsonAttribution(
        a.isKnown() ? "known" : "unknown",
        a.method() == null ? null : a.method().label(),
        a.isGuess() ? Boolean.TRUE : null,
        a.baseImage(),
        a.baseDigest(),
        a.isKnown() ? a.baseDiffIds() : null,
        a.unknownReason());
  }

  /** The attribution this block was written from; null for a document without one. */
  Attribution toAttribution() {
    Method parsed = null;
    for (Method m : Method.values()) {
      if (m.label().equals(method)) {
        parsed = m;
      }
    }
    if ("known".equals(status) && parsed != null) {
      return Attribution.known(
          parsed, baseImage, baseDigest, baseLayers == null ? List.of() : baseLayers);
    }
    return Attribution.unknown(
        parsed, baseImage, reason != null ? reason : "the report does not say why");
  }
}
