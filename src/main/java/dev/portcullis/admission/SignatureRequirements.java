package dev.portcullis.admission;

import dev.portcullis.image.Digest;
import dev.portcullis.policy.AdmissionSettings;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.signing.PublicKeys;
import dev.portcullis.signing.UnusableKeyException;
import dev.portcullis.signing.VerificationKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The policy's signature rules with their keys read: which images must carry a cosign signature,
 * and whether one does. The admission webhook denies on them; the dashboard shows them.
 */
public final class SignatureRequirements {

  private final List<Rule> rules;
  private final RegistryLookups registries;

  private record Rule(AdmissionSettings.SignatureRule written, Map<String, VerificationKey> keys) {}

  private SignatureRequirements(List<Rule> rules, RegistryLookups registries) {
    this.rules = List.copyOf(rules);
    this.registries = registries;
  }

  /**
   * Reads every rule's keys.
   *
   * @param insecure registries (host[:port]) spoken to in plain HTTP
   * @throws UnusableKeyException when a key cannot be used
   */
  public static SignatureRequirements load(
      List<AdmissionSettings.SignatureRule> written,
      Predicate<String> insecure,
      RegistryTimeouts timeouts)
      throws UnusableKeyException {
    List<Rule> rules = new ArrayList<>();
    for (AdmissionSettings.SignatureRule rule : written) {
      Map<String, VerificationKey> keys = new LinkedHashMap<>();
      for (Path key : rule.keys()) {
        keys.put(key.toString(), PublicKeys.read(key));
      }
      rules.add(new Rule(rule, keys));
    }
    return new SignatureRequirements(rules, new RegistryLookups(insecure, timeouts));
  }

  /** An image's standing against the rules. */
  public sealed interface Status {
    /** Whether the image may run as far as signatures go. */
    default boolean satisfied() {
      return this instanceof NotRequired || this instanceof Signed;
    }

    /** No rule names the image. */
    record NotRequired() implements Status {}

    /** Every rule that names it is met; {@code keys} names the key of each. */
    record Signed(List<String> keys) implements Status {}

    /** A rule that names it is not met. */
    record Unsigned(List<String> keys, String why) implements Status {}
  }

  /** Whether any rule names the image. */
  public boolean required(ImageReference image) {
    return rules.stream().anyMatch(rule -> names(rule, image));
  }

  /**
   * Checks the image's signatures against every rule that names it, stopping at the first unmet.
   *
   * @throws IOException when the registry cannot be read (it is down, or answers nonsense)
   */
  public Status check(ImageReference image, Digest digest) throws IOException {
    List<String> signedBy = new ArrayList<>();
    RegistryLookups.Resolved resolved = new RegistryLookups.Resolved(image, digest, null);
    for (Rule rule : rules) {
      if (!names(rule, image)) {
        continue;
      }
      Optional<String> unsigned = registries.unsigned(resolved, rule.keys());
      if (unsigned.isPresent()) {
        return new Status.Unsigned(List.copyOf(rule.keys().keySet()), unsigned.get());
      }
      signedBy.add(String.join(" or ", rule.keys().keySet()));
    }
    return signedBy.isEmpty() ? new Status.NotRequired() : new Status.Signed(signedBy);
  }

  private static boolean names(Rule rule, ImageReference image) {
    return rule.written().images().stream()
        .anyMatch(p -> p.matches(image, List.of(ImageReference.DOCKER_HUB)));
  }
}
