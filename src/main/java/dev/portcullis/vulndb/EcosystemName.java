package dev.portcullis.vulndb;

import java.util.Locale;

/**
 * An OSV ecosystem name split into the ecosystem and its release: {@code Debian:12} is Debian,
 * release 12; {@code Alpine:v3.20} is Alpine, release v3.20; {@code PyPI} has no release.
 */
public record EcosystemName(String ecosystem, String release) {

  public static EcosystemName parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0
        ? new EcosystemName(text.strip(), "")
        : new EcosystemName(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
  }

  /**
   * A package name as the ecosystem compares names: PyPI folds case and runs of "-_." (PEP 503).
   */
  public String normalizePackage(String name) {
    if (ecosystem.equalsIgnoreCase("PyPI")) {
      return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
    return name;
  }

  @Override
  public String toString() {
    return release.isEmpty() ? ecosystem : ecosystem + ":" + release;
  }
}
