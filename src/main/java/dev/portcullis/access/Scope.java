package dev.portcullis.access;

import java.util.Locale;

/** What an API token may do. {@link #ADMIN} may do everything. */
public enum Scope {
  /** Read repositories, images, findings, KPIs. */
  READ,
  /** Submit scans (CI reports, SBOMs) and registry notifications. */
  SUBMIT,
  /** Create and expire exceptions, and everything else. */
  ADMIN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read}, {@code submit} or {@code admin}. */
  public static Scope parse(String text) {
    for (Scope scope : values()) {
      if (scope.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + text + "': one of read, submit, admin");
  }
}
