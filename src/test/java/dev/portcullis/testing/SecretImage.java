package dev.portcullis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The image with planted secrets of scripts/build-secret-image.sh (the Debian test image plus three
 * layers and a config that leak secrets), built once per run (and kept) under target/secret-image.
 */
public final class SecretImage {

  /** The tag of the image in {@link #ociLayout()}. */
  public static final String TAG = "secrets";

  /** Whether the final file system still holds a planted secret. */
  public enum State {
    LIVE,
    /** Shipped in a layer, then whited out by a later one. */
    DELETED,
    /** Shipped in a layer, then replaced by a later one with content free of secrets. */
    OVERWRITTEN
  }

  /**
   * One planted secret: the rule that must find it and where. {@code target} is an absolute file
   * path, or {@code config:Env}, {@code config:Labels}, {@code config:Cmd}, {@code
   * config:Entrypoint}, or {@code history:N} (an index into the config's history).
   */
  public record Planted(String ruleId, String target, State state) {

    /** True if the secret is in the image config rather than in a layer's file. */
    public boolean inConfig() {
      return !target.startsWith("/");
    }

    static Planted parse(String line) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 3) {
        throw new IllegalArgumentException("expected rule-id, target and state in: " + line);
      }
      return new Planted(fields[0], fields[1], State.valueOf(fields[2].toUpperCase(Locale.ROOT)));
    }
  }

  private static Path built;

  private SecretImage() {}

  /** The image directory, building the image first if this run has not. */
  public static synchronized Path directory() {
    if (built == null) {
      Path out = Path.of(System.getProperty("portcullis.secretImage", "target/secret-image"));
      if (!Files.exists(out.resolve(".complete-1"))) {
        Scripts.run("build-secret-image.sh", out, TestImages.directory().toString());
      }
      built = out;
    }
    return built;
  }

  /** The docker-archive, portcullis-test/secrets:1. */
  public static Path dockerArchive() {
    return directory().resolve("secrets.tar");
  }

  /** The OCI layout holding the image as tag {@link #TAG}. */
  public static Path ociLayout() {
    return directory().resolve("oci");
  }

  /** Every planted secret, one per line of expected-secrets.tsv. */
  public static List<Planted> expected() {
    try {
      return Files.readAllLines(directory().resolve("expected-secrets.tsv")).stream()
          .filter(line -> !line.isBlank())
          .map(Planted::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the planted secrets: " + e.getMessage(), e);
    }
  }
}
