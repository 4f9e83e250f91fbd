package dev.portcullis.misconfig.kubernetes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor version whose Pod Security Standards apply ({@code v1.30}). Versions newer
 * than the newest policy change evaluate as that one, as Pod Security Admission does.
 */
public record PssVersion(int minor) implements Comparable<PssVersion> {

  /** The newest version whose checks changed: the sysctls allowed in baseline grew in 1.37. */
  public static final PssVersion LATEST = new PssVersion(37);

  private static final Pattern FORM = Pattern.compile("v?1\\.(\\d{1,3})(?:\\.\\d+)?");

  public PssVersion {
    if (minor < 0) {
      throw new IllegalArgumentException("negative minor version " + minor);
    }
  }

  /** Parses {@code latest}, {@code 1.30}, {@code v1.30} or {@code v1.30.2}. */
  public static PssVersion parse(String text) {
    String wanted = text == null ? "" : text.strip();
    if (wanted.isEmpty() || wanted.equalsIgnoreCase("latest")) {
      return LATEST;
    }
    Matcher m = FORM.matcher(wanted);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Kubernetes version '" + text + "' is not one; write it as 1.30, v1.30 or latest");
    }
    return new PssVersion(Integer.parseInt(m.group(1)));
  }

  boolean atLeast(int otherMinor) {
    return minor >= otherMinor;
  }

  @Override
  public int compareTo(PssVersion other) {
    return Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return "v1." + minor;
  }
}
