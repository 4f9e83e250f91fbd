package dev.portcullis.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's static files, from the jar: our stylesheet and script, and uPlot from its webjar.
 * Only these names are served, so no request names a path.
 */
final class Assets {

  /** A file as it is served. */
  record Asset(byte[] content, String contentType) {}

  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  private final Map<String, Asset> assets =
      Map.of(
          "portcullis.css", load("/dev/portcullis/web/portcullis.css", "text/css; charset=utf-8"),
          "dashboard.js",
              load("/dev/portcullis/web/dashboard.js", "text/javascript; charset=utf-8"),
          "uPlot.min.css", load(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"),
          "uPlot.iife.min.js", load(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));

  Optional<Asset> named(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private static Asset load(String resource, String contentType) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new Asset(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
