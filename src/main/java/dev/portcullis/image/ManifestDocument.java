package dev.portcullis.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * An image manifest or an index, read leniently so one type serves both: an index has {@code
 * manifests}, a manifest has {@code config} and {@code layers}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ManifestDocument(
    int schemaVersion,
    String mediaType,
    Descriptor config,
    List<Descriptor> layers,
    List<Descriptor> manifests,
    Map<String, String> annotations) {

  ManifestDocument {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  boolean isIndex() {
    return manifests != null && config == null;
  }
}
