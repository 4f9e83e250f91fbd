package dev.portcullis.inventory;

/**
 * The operating system an image is built on.
 *
 * @param family the distribution id as os-release spells it: debian, ubuntu, alpine, fedora, rhel…
 * @param version the release: {@code 12}, {@code 3.20.3}, {@code 22.04}
 * @param prettyName the human-readable name, such as {@code Debian GNU/Linux 12 (bookworm)}
 * @param foundIn the file the facts came from
 */
public record OsRelease(String family, String version, String prettyName, String foundIn) {

  /** The OSV-style ecosystem release used for the purl distro qualifier: {@code debian-12}. */
  public String distroQualifier() {
    return version == null || version.isEmpty() ? family : family + "-" + version;
  }
}
