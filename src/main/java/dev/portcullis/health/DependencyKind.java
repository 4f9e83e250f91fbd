package dev.portcullis.health;

import java.util.Locale;

/** The kinds of thing the server depends on. */
public enum DependencyKind {
  STORE,
  REGISTRY,
  CLUSTER,
  VULNERABILITY_DATABASE,
  RECEIVER;

  /** As the health document and the metric's label write it: {@code registry}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
