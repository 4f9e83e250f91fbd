package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.vulndb.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the admission webhook judges workloads ({@code admission:} in the policy file). Every key is
 * optional; {@code namespaces:} overrides the rules for single namespaces.
 *
 * @param rules the rules for every namespace not named under {@code namespaces}
 * @param signatures images that must carry a valid cosign signature by one of a rule's keys
 * @param namespaces per-namespace rules; a key left out takes the top-level rule
 * @param timeout the API server's {@code timeoutSeconds} for the webhook: the answer comes within
 *     it, less a margin for the way back
 */
public record AdmissionSettings(
    Rules rules, List<SignatureRule> signatures, Map<String, Rules> namespaces, Duration timeout) {

  /** What the server says when it cannot judge: Kubernetes' words for a webhook's failure. */
  public enum FailurePolicy {
    /** Deny: nothing unjudged runs. */
    FAIL,
    /** Allow, with a warning: the cluster keeps working while a registry or the store is down. */
    IGNORE;

    static FailurePolicy parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "fail" -> FAIL;
        case "ignore" -> IGNORE;
        default ->
            throw new IllegalArgumentException(
                "admission failure-policy '" + text + "': use Fail or Ignore");
      };
    }
  }

  /** What happens to an image the server has never scanned. */
  public enum UnknownImages {
    /** Scan it within the scan budget; past the budget, the failure policy decides. */
    SCAN,
    ALLOW,
    DENY;

    static UnknownImages parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "admission unknown-images '" + text + "': use scan, allow or deny");
      }
    }
  }

  /**
   * The rules of a namespace, resolved: no field is null.
   *
   * @param podSecurity the Pod Security Standards level where the namespace's labels name none
   * @param denySeverities open findings of these severities that no exception covers deny an image
   * @param baseImages whether a forbidden base image denies ({@code true}) or only warns
   * @param scanBudget how long an unknown image may take to scan before the failure policy decides
   */
  public record Rules(
      String podSecurity,
      FailurePolicy failurePolicy,
      UnknownImages unknownImages,
      Set<Severity> denySeverities,
      boolean baseImages,
      Duration scanBudget) {

    public Rules {
      denySeverities = Set.copyOf(denySeverities);
    }

    public static Rules defaults() {
      return new Rules(
          "baseline",
          FailurePolicy.FAIL,
          UnknownImages.SCAN,
          Set.of(Severity.CRITICAL),
          true,
          Duration.ofSeconds(6));
    }

    Rules overriddenBy(Written written) {
      return new Rules(
          written.podSecurity() != null ? level(written.podSecurity()) : podSecurity,
          written.failurePolicy() != null
              ? FailurePolicy.parse(written.failurePolicy())
              : failurePolicy,
          written.unknownImages() != null
              ? UnknownImages.parse(written.unknownImages())
              : unknownImages,
          written.denySeverities() != null ? severities(written.denySeverities()) : denySeverities,
          written.baseImages() != null ? baseImageMode(written.baseImages()) : baseImages,
          written.scanBudget() != null
              ? duration("scan-budget", written.scanBudget())
              : scanBudget);
    }
  }

  /**
   * Images that must be signed.
   *
   * @param images image patterns as the base-image tiers write them ({@code registry/team/**})
   * @param keys cosign public keys (PEM files); one valid signature by any of them suffices
   */
  public record SignatureRule(List<ImagePattern> images, List<Path> keys) {

    public SignatureRule {
      images = images == null ? List.of() : List.copyOf(images);
      keys = keys == null ? List.of() : List.copyOf(keys);
      if (images.isEmpty() || keys.isEmpty()) {
        throw new IllegalArgumentException(
            "admission signatures: every rule names images and at least one key");
      }
    }
  }

  /** The {@code admission:} section as written; see {@link AdmissionSettings}. */
  public record Written(
      @JsonProperty("pod-security") String podSecurity,
      @JsonProperty("failure-policy") String failurePolicy,
      @JsonProperty("unknown-images") String unknownImages,
      @JsonProperty("deny-severities") List<String> denySeverities,
      @JsonProperty("base-images") String baseImages,
      @JsonProperty("scan-budget") String scanBudget,
      String timeout,
      List<SignatureRule> signatures,
      Map<String, Written> namespaces) {}

  public AdmissionSettings {
    signatures = List.copyOf(signatures);
    namespaces = Map.copyOf(namespaces);
    if (!rules.scanBudget().minus(timeout).isNegative()) {
      throw new IllegalArgumentException(
          "admission scan-budget "
              + rules.scanBudget().toSeconds()
              + "s must be shorter than the timeout "
              + timeout.toSeconds()
              + "s");
    }
  }

  /** The defaults: baseline pods, no open CRITICAL, unknown images scanned, failing closed. */
  public static AdmissionSettings defaults() {
    return new AdmissionSettings(Rules.defaults(), List.of(), Map.of(), Duration.ofSeconds(10));
  }

  /**
   * The settings a policy file writes.
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static AdmissionSettings of(Written written) {
    if (written == null) {
      return defaults();
    }
    Rules top = Rules.defaults().overriddenBy(written);
    Map<String, Rules> namespaces = new LinkedHashMap<>();
    if (written.namespaces() != null) {
      written
          .namespaces()
          .forEach(
              (name, rules) -> {
                if (rules != null && (rules.signatures() != null || rules.namespaces() != null)) {
                  throw new IllegalArgumentException(
                      "admission namespaces." + name + ": signatures and namespaces are top-level");
                }
                namespaces.put(name, rules == null ? top : top.overriddenBy(rules));
              });
    }
    Duration timeout =
        written.timeout() != null ? duration("timeout", written.timeout()) : Duration.ofSeconds(10);
    if (timeout.compareTo(Duration.ofSeconds(30)) > 0 || timeout.toSeconds() < 2) {
      throw new IllegalArgumentException(
          "admission timeout '"
              + written.timeout()
              + "': the API server allows 1 to 30 s, and the answer needs 1 s of margin");
    }
    return new AdmissionSettings(
        top, written.signatures() == null ? List.of() : written.signatures(), namespaces, timeout);
  }

  /** The rules of a namespace. */
  public Rules rulesFor(String namespace) {
    return namespaces.getOrDefault(namespace, rules);
  }

  /** The time the server has to answer: the timeout less a second for the way back. */
  public Duration answerBudget() {
    return timeout.minusSeconds(1);
  }

  private static Set<Severity> severities(List<String> names) {
    Set<Severity> severities = new TreeSet<>();
    for (String name : names) {
      try {
        severities.add(Severity.named(name));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "admission deny-severities: '" + name + "' is not a severity (CRITICAL, HIGH, ...)");
      }
    }
    return severities;
  }

  private static String level(String text) {
    String level = text.strip().toLowerCase(Locale.ROOT);
    if (!List.of("privileged", "baseline", "restricted").contains(level)) {
      throw new IllegalArgumentException(
          "admission pod-security '" + text + "': use privileged, baseline or restricted");
    }
    return level;
  }

  private static boolean baseImageMode(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "enforce" -> true;
      case "warn" -> false;
      default ->
          throw new IllegalArgumentException(
              "admission base-images '" + text + "': use enforce or warn");
    };
  }

  private static Duration duration(String key, String text) {
    try {
      Duration duration = SlaSettings.PatchTime.parse(text).duration();
      if (duration != null) {
        return duration;
      }
    } catch (IllegalArgumentException e) {
      // Said below.
    }
    String seconds = text.strip().toLowerCase(Locale.ROOT);
    if (seconds.matches("\\d{1,3}s")) {
      return Duration.ofSeconds(Long.parseLong(seconds.substring(0, seconds.length() - 1)));
    }
    throw new IllegalArgumentException("admission " + key + " '" + text + "': write it as 6s");
  }
}
