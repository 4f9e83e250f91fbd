package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;

/** How the base image is named in text reports: the table's heading line, SARIF's messages. */
final class AttributionText {

  private AttributionText() {}

  /**
   * "Base image: debian:12-slim@sha256:… (annotation), layers 0-2", "Base image (a guess from the
   * history): layers 0-1", "Base image: none (FROM scratch; dockerfile)" or "Base image: unknown
   * (why)".
   */
  static String line(Attribution a) {
    if (!a.isKnown()) {
      return "Base image: unknown (" + a.unknownReason() + ")";
    }
    int layers = a.baseDiffIds().size();
    String which = layers == 0 ? "no layers" : layers == 1 ? "layer 0" : "layers 0-" + (layers - 1);
    if (a.isGuess()) {
      return "Base image (a guess from the history): " + which;
    }
    if (layers == 0) {
      return "Base image: none, built FROM " + a.baseImage() + " (" + a.method().label() + ")";
    }
    return "Base image: " + a.describeBase() + " (" + a.method().label() + "), " + which;
  }
}
