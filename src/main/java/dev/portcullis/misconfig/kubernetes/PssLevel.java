package dev.portcullis.misconfig.kubernetes;

import java.util.Locale;

/** The Pod Security Standards levels, least restrictive first. */
public enum PssLevel {
  PRIVILEGED,
  BASELINE,
  RESTRICTED;

  /** The level as Kubernetes spells it ({@code baseline}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code privileged}, {@code baseline} or {@code restricted}. */
  public static PssLevel parse(String text) {
    for (PssLevel level : values()) {
      if (level.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown Pod Security Standards level '"
            + text
            + "'; use privileged, baseline or restricted");
  }
}
