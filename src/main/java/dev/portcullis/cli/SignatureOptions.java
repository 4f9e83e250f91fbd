package dev.portcullis.cli;

import dev.portcullis.registry.Credentials;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image to sign or verify, and the annotations named with {@code -a key=value}. */
final class SignatureOptions {

  private SignatureOptions() {}

  /** {@code registry:HOST/REPO:TAG}, {@code docker://…} or the bare reference. */
  static ImageReference image(String text) {
    String reference = text;
    for (String prefix : new String[] {"registry:", "docker://"}) {
      if (reference.startsWith(prefix)) {
        reference = reference.substring(prefix.length());
      }
    }
    try {
      return ImageReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new UsageException(text + ": " + e.getMessage());
    }
  }

  static RegistryClient client(ImageReference image, ScanOptions registry) throws IOException {
    return RegistryClient.forImage(
        image,
        registry.insecureRegistry,
        registry.username != null
            ? new Credentials(registry.username, registry.effectivePassword())
            : null,
        registry.registryTimeouts.timeouts());
  }

  /** {@code key=value} pairs; a pair without '=' is a usage error. */
  static Map<String, String> annotations(List<String> pairs) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("-a " + pair + ": write annotations as key=value");
      }
      annotations.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return annotations;
  }
}
