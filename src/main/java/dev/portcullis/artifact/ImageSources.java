package dev.portcullis.artifact;

import dev.portcullis.image.ImageSource;
import dev.portcullis.image.InputException;
import dev.portcullis.image.LocalSources;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RegistrySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Opens an image named the way skopeo names them: {@code docker-archive:PATH[:REF]}, {@code
 * oci:DIR[:TAG]}, {@code oci-archive:PATH[:TAG]}, {@code registry:REF} (or {@code docker://REF}),
 * {@code rootfs:DIR}, {@code rootfs-tar:PATH}; without a prefix the kind is detected.
 */
public final class ImageSources {

  private static final List<String> TRANSPORTS =
      List.of("docker-archive", "oci-archive", "oci", "registry", "rootfs-tar", "rootfs");

  private ImageSources() {}

  public static ImageSource open(String spec, SourceOptions options) throws IOException {
    if (spec.startsWith("docker://")) {
      return registry(spec.substring("docker://".length()), options);
    }
    for (String transport : TRANSPORTS) {
      if (spec.startsWith(transport + ":")) {
        return open(transport, spec.substring(transport.length() + 1), options);
      }
    }
    Path path = Path.of(spec);
    String detected = Files.exists(path) ? LocalSources.detectTransport(path) : null;
    if (detected != null) {
      return open(detected, spec, options);
    }
    if (looksLikeAPath(spec)) {
      throw new InputException(
          spec + ": no such file or directory (for a registry image write registry:" + spec + ")");
    }
    return registry(spec, options);
  }

  /** A name no registry reference has: a relative or absolute path, or an archive's file name. */
  private static boolean looksLikeAPath(String spec) {
    return spec.startsWith(".")
        || spec.startsWith("/")
        || spec.startsWith("~")
        || spec.matches(".*\\.(tar|tar\\.gz|tgz|tar\\.zst)$");
  }

  private static ImageSource open(String transport, String rest, SourceOptions options)
      throws IOException {
    return switch (transport) {
      case "docker-archive" -> {
        PathAndReference p = PathAndReference.split(rest, Files::isRegularFile);
        yield LocalSources.dockerArchive(p.path(), p.reference(), options.limits());
      }
      case "oci" -> {
        PathAndReference p = PathAndReference.split(rest, Files::isDirectory);
        yield LocalSources.ociLayout(p.path(), p.reference(), options.platform(), options.limits());
      }
      case "oci-archive" -> {
        PathAndReference p = PathAndReference.split(rest, Files::isRegularFile);
        yield LocalSources.ociArchive(
            p.path(), p.reference(), options.platform(), options.limits());
      }
      case "rootfs" -> LocalSources.rootfsDirectory(Path.of(rest));
      case "rootfs-tar" -> LocalSources.rootfsTar(Path.of(rest));
      case "registry" -> registry(rest, options);
      default -> throw new IllegalArgumentException("unknown transport " + transport);
    };
  }

  private static ImageSource registry(String text, SourceOptions options) throws IOException {
    if (options.offline()) {
      throw new InputException(
          "registry:"
              + text
              + " needs the network, which --offline forbids;"
              + " copy the image to a docker-archive or OCI layout and scan that");
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "registry:"
              + text
              + ": "
              + e.getMessage()
              + " (for a local file give its path, or a prefix such as docker-archive:)");
    }
    RegistryClient client =
        RegistryClient.forImage(
            reference,
            options.insecureRegistry(),
            options.credentials(),
            options.registryTimeouts());
    return new RegistrySource(client, options.platform(), options.limits());
  }

  /**
   * {@code PATH[:REF]}, where PATH itself may contain colons: the longest existing prefix is the
   * path.
   */
  record PathAndReference(Path path, String reference) {

    static PathAndReference split(String text, Predicate<Path> exists) {
      if (exists.test(Path.of(text))) {
        return new PathAndReference(Path.of(text), null);
      }
      for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
        Path candidate = Path.of(text.substring(0, colon));
        if (exists.test(candidate)) {
          String reference = text.substring(colon + 1);
          return new PathAndReference(candidate, reference.isEmpty() ? null : reference);
        }
      }
      return new PathAndReference(Path.of(text), null);
    }
  }
}
