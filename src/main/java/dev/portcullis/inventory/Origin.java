package dev.portcullis.inventory;

/** Whether a layer, and what it installed, came with the base image or from the application. */
public enum Origin {
  BASE("base"),
  APPLICATION("application"),
  /** The base image could not be identified, so neither can be told apart. */
  UNKNOWN("unknown");

  private final String label;

  Origin(String label) {
    this.label = label;
  }

  /** As reports write it: {@code base}, {@code application}, {@code unknown}. */
  public String label() {
    return label;
  }
}
