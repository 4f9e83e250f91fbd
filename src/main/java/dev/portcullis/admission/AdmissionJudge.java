package dev.portcullis.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.cluster.ClusterException;
import dev.portcullis.cluster.NamespaceLabels;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.misconfig.kubernetes.AdmittedObject;
import dev.portcullis.misconfig.kubernetes.PssDecision;
import dev.portcullis.misconfig.kubernetes.PssLevel;
import dev.portcullis.misconfig.kubernetes.PssVersion;
import dev.portcullis.policy.AdmissionSettings;
import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryUnavailableException;
import dev.portcullis.store.StoreException;
import dev.portcullis.tracking.DigestStanding;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Judges one AdmissionReview: the Pod Security Standards level of the namespace, then each image
 * (resolved to its digest) against the base-image tiers, the signature rules and its standing in
 * the store. A rule broken denies; a dependency that cannot answer leaves the object unjudged, and
 * the namespace's failure policy decides.
 */
public final class AdmissionJudge {

  static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  private final AdmissionSettings settings;
  private final BaseImagePolicy tiers;
  private final SignatureRequirements signatures;
  private final RegistryLookups registries;
  private final NamespaceLabels namespaces;
  private final DigestStanding standings;
  private final ImageScanner scanner;
  private final Executor scans;
  private final Clock clock;
  private final Map<Digest, CompletableFuture<Void>> scanning = new ConcurrentHashMap<>();

  /**
   * @param namespaces where namespaces' labels are read; null to judge every namespace at the
   *     configured level
   * @param scans runs scans of unknown images, which go on past a review's budget
   */
  AdmissionJudge(
      AdmissionSettings settings,
      BaseImagePolicy tiers,
      SignatureRequirements signatures,
      RegistryLookups registries,
      NamespaceLabels namespaces,
      DigestStanding standings,
      ImageScanner scanner,
      Executor scans,
      Clock clock) {
    this.settings = settings;
    this.tiers = tiers;
    this.signatures = signatures;
    this.registries = registries;
    this.namespaces = namespaces;
    this.standings = standings;
    this.scanner = scanner;
    this.scans = scans;
    this.clock = clock;
  }

  /** What one judgement found. */
  private static final class Judgement {
    final List<String> reasons = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> unjudged = new ArrayList<>();
  }

  /**
   * Judges a review.
   *
   * @param deadline when the answer must be ready; what is left then is unjudged
   */
  public AdmissionVerdict judge(AdmissionRequest request, Instant deadline) {
    AdmissionSettings.Rules rules = settings.rulesFor(request.namespace());
    if (!request.operation().equals("CREATE") && !request.operation().equals("UPDATE")) {
      return allowed(List.of());
    }
    if (!request.subResource().isEmpty() && !request.subResource().equals("ephemeralcontainers")) {
      return allowed(List.of());
    }
    if (!AdmittedObject.WORKLOAD_KINDS.contains(request.kind())) {
      return failed(
          rules,
          List.of(),
          List.of(
              request.kind()
                  + " is not a kind Portcullis judges (Pods and "
                  + String.join(", ", AdmittedObject.WORKLOAD_KINDS.subList(1, 8))
                  + "); check the webhook's rules"));
    }
    AdmittedObject object;
    try {
      object = AdmittedObject.parse(request.object().toString());
    } catch (IllegalArgumentException e) {
      return failed(rules, List.of(), List.of("request.object: " + e.getMessage()));
    }
    if (!object.hasPod()) {
      return failed(rules, List.of(), List.of(request.describe() + " holds no pod template"));
    }
    if (request.operation().equals("UPDATE") && podSpecUnchanged(request)) {
      // As Pod Security Admission does: an update that leaves the pod spec alone (a scale, a
      // label) is no new workload, and a finding found since must not block it.
      return allowed(List.of());
    }
    Judgement judgement = new Judgement();
    podSecurity(request, object, rules, judgement);
    Map<String, List<String>> containers = new LinkedHashMap<>();
    for (AdmittedObject.ContainerImage image : object.images()) {
      containers.computeIfAbsent(image.image(), k -> new ArrayList<>()).add(image.container());
    }
    for (Map.Entry<String, List<String>> image : containers.entrySet()) {
      if (!clock.instant().isBefore(deadline)) {
        judgement.unjudged.add("image " + image.getKey() + ": not judged within the time budget");
        continue;
      }
      judgeImage(image.getKey(), image.getValue(), request, rules, deadline, judgement);
    }
    if (!judgement.reasons.isEmpty()) {
      List<String> reasons = new ArrayList<>(judgement.reasons);
      judgement.unjudged.forEach(u -> reasons.add("also not judged: " + u));
      return new AdmissionVerdict(
          false, reasons, judgement.warnings, !judgement.unjudged.isEmpty());
    }
    if (!judgement.unjudged.isEmpty()) {
      return failed(rules, judgement.warnings, judgement.unjudged);
    }
    return allowed(judgement.warnings);
  }

  /** The verdict when something kept the object from being judged: the failure policy's. */
  static AdmissionVerdict failed(
      AdmissionSettings.Rules rules, List<String> warnings, List<String> unjudged) {
    if (rules.failurePolicy() == AdmissionSettings.FailurePolicy.FAIL) {
      return new AdmissionVerdict(
          false,
          unjudged.stream().map(u -> "not judged (failure-policy Fail): " + u).toList(),
          warnings,
          true);
    }
    List<String> all = new ArrayList<>(warnings);
    unjudged.forEach(u -> all.add("allowed unjudged (failure-policy Ignore): " + u));
    return new AdmissionVerdict(true, List.of(), all, true);
  }

  private static AdmissionVerdict allowed(List<String> warnings) {
    return new AdmissionVerdict(true, List.of(), warnings, false);
  }

  // --- Pod Security Standards

  private void podSecurity(
      AdmissionRequest request,
      AdmittedObject object,
      AdmissionSettings.Rules rules,
      Judgement judgement) {
    PssLevel level = PssLevel.parse(rules.podSecurity());
    PssVersion version = PssVersion.LATEST;
    Map<String, PssLevel> advisory = new LinkedHashMap<>();
    if (namespaces != null && !request.namespace().isEmpty()) {
      try {
        Optional<Map<String, String>> labels = namespaces.labels(request.namespace());
        if (labels.isPresent()) {
          Map<String, String> present = labels.get();
          level = labelled(present, "enforce", level);
          version = version(present.get(ENFORCE + "-version"));
          for (String mode : List.of("warn", "audit")) {
            PssLevel wanted = labelled(present, mode, null);
            if (wanted != null) {
              advisory.put(mode, wanted);
            }
          }
        }
      } catch (ClusterException e) {
        judgement.warnings.add(
            e.getMessage() + "; judged at the configured level " + level.label());
      }
    }
    PssDecision enforced = object.podSecurity(level, version);
    if (!enforced.allowed()) {
      judgement.reasons.add(enforced.message());
    }
    for (Map.Entry<String, PssLevel> mode : advisory.entrySet()) {
      if (mode.getValue().compareTo(level) > 0) {
        PssDecision decision = object.podSecurity(mode.getValue(), version);
        if (!decision.allowed()) {
          judgement.warnings.add(mode.getKey() + ": " + decision.message());
        }
      }
    }
  }

  private static PssLevel labelled(Map<String, String> labels, String mode, PssLevel otherwise) {
    String value = labels.get("pod-security.kubernetes.io/" + mode);
    if (value == null) {
      return otherwise;
    }
    try {
      return PssLevel.parse(value);
    } catch (IllegalArgumentException e) {
      // Pod Security Admission ignores a level it does not know.
      return otherwise;
    }
  }

  private static PssVersion version(String label) {
    try {
      return label == null ? PssVersion.LATEST : PssVersion.parse(label);
    } catch (IllegalArgumentException e) {
      return PssVersion.LATEST;
    }
  }

  private static boolean podSpecUnchanged(AdmissionRequest request) {
    if (request.oldObject() == null) {
      return false;
    }
    return podSpec(request.object()).equals(podSpec(request.oldObject()));
  }

  private static JsonNode podSpec(JsonNode object) {
    return switch (object.path("kind").asText()) {
      case "Pod" -> object.path("spec");
      case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template");
      default -> object.path("spec").path("template");
    };
  }

  // --- images

  private void judgeImage(
      String written,
      List<String> containers,
      AdmissionRequest request,
      AdmissionSettings.Rules rules,
      Instant deadline,
      Judgement judgement) {
    String who =
        "image "
            + written
            + " (container"
            + (containers.size() > 1 ? "s " : " ")
            + String.join(", ", containers)
            + ")";
    ImageReference reference;
    try {
      reference = ImageReference.parse(written);
    } catch (IllegalArgumentException e) {
      judgement.reasons.add(who + ": not a valid image reference: " + e.getMessage());
      return;
    }
    RegistryLookups.Resolved image;
    try {
      Optional<RegistryLookups.Resolved> resolved = registries.resolve(reference);
      if (resolved.isEmpty()) {
        judgement.reasons.add(who + ": " + reference + " does not exist in its registry");
        return;
      }
      image = resolved.get();
    } catch (RegistryUnavailableException e) {
      judgement.unjudged.add(
          who + ": registry " + reference.registry() + " unreachable: " + e.getMessage());
      return;
    } catch (IOException e) {
      judgement.unjudged.add(
          who + ": registry " + reference.registry() + " answered unusably: " + e.getMessage());
      return;
    }
    String pinned = image.pinned().toString();
    baseImageTier(who, image, rules, judgement);
    signed(who, image, judgement);
    standing(who, pinned, image, request, rules, deadline, judgement);
  }

  private void baseImageTier(
      String who,
      RegistryLookups.Resolved image,
      AdmissionSettings.Rules rules,
      Judgement judgement) {
    BaseImagePolicy.Classification own = tiers.classify(image.reference());
    BaseImagePolicy.Classification judged = own;
    String subject = "is";
    if (own.pattern() == null) {
      if (image.baseName() == null) {
        return;
      }
      try {
        judged = tiers.classify(ImageReference.parse(image.baseName()));
        subject = "is built on " + image.baseName() + ", which is";
      } catch (IllegalArgumentException e) {
        judgement.warnings.add(
            who + ": its base image annotation is unreadable: " + e.getMessage());
        return;
      }
    }
    switch (judged.tier()) {
      case FORBIDDEN -> {
        String text = who + " " + subject + " a forbidden base image: " + judged.reason();
        (rules.baseImages() ? judgement.reasons : judgement.warnings).add(text);
      }
      case RESTRICTED ->
          judgement.warnings.add(
              who + " " + subject + " a restricted base image: " + judged.reason());
      default -> {
        // preferred and allowed images need no word
      }
    }
  }

  /** Checks the signature rules that name the image. */
  private void signed(String who, RegistryLookups.Resolved image, Judgement judgement) {
    try {
      SignatureRequirements.Status status = signatures.check(image.reference(), image.digest());
      if (status instanceof SignatureRequirements.Status.Unsigned unsigned) {
        judgement.reasons.add(
            who
                + ": must be signed by "
                + String.join(" or ", unsigned.keys())
                + ": "
                + unsigned.why());
      }
    } catch (IOException e) {
      judgement.unjudged.add(who + ": signatures not read: " + e.getMessage());
    }
  }

  private void standing(
      String who,
      String pinned,
      RegistryLookups.Resolved image,
      AdmissionRequest request,
      AdmissionSettings.Rules rules,
      Instant deadline,
      Judgement judgement) {
    String repository = image.reference().registry() + "/" + image.reference().repository();
    String digest = image.digest().toString();
    try {
      Optional<DigestStanding.Standing> standing =
          standings.of(repository, digest, rules.denySeverities());
      if (standing.isEmpty()) {
        switch (rules.unknownImages()) {
          case ALLOW -> {
            judgement.warnings.add(who + ": " + pinned + " was never scanned; allowed by policy");
            return;
          }
          case DENY -> {
            judgement.reasons.add(
                who + ": " + pinned + " was never scanned, and unknown images are denied");
            return;
          }
          case SCAN -> {
            if (request.dryRun()) {
              judgement.unjudged.add(
                  who + ": " + pinned + " was never scanned, and a dry run does not scan");
              return;
            }
            Optional<String> problem = scanWithin(image, rules.scanBudget(), deadline);
            if (problem.isPresent()) {
              judgement.unjudged.add(who + ": " + pinned + " " + problem.get());
              return;
            }
            standing = standings.of(repository, digest, rules.denySeverities());
            if (standing.isEmpty()) {
              judgement.unjudged.add(who + ": " + pinned + " was scanned, but no scan is stored");
              return;
            }
          }
        }
      }
      DigestStanding.Standing known = standing.get();
      if (known.blockingCount() > 0) {
        String counts =
            known.blocking().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name())
                .collect(Collectors.joining(", "));
        judgement.reasons.add(
            who
                + ": "
                + pinned
                + " has "
                + counts
                + " open finding"
                + (known.blockingCount() == 1 ? "" : "s")
                + " with no exception ("
                + String.join(", ", known.named())
                + (known.blockingCount() > known.named().size() ? ", …" : "")
                + "; scanned "
                + known.scannedAt()
                + ")");
      }
    } catch (StoreException e) {
      judgement.unjudged.add(who + ": the store does not answer: " + e.getMessage());
    }
  }

  /**
   * Scans an unknown image and waits for the scan within its budget; a scan that takes longer goes
   * on and is recorded, so the next review of the image finds it.
   *
   * @return empty when the scan was recorded; else why not
   */
  private Optional<String> scanWithin(
      RegistryLookups.Resolved image, Duration budget, Instant deadline) {
    CompletableFuture<Void> scan =
        scanning.computeIfAbsent(
            image.digest(),
            digest -> {
              CompletableFuture<Void> started =
                  CompletableFuture.runAsync(
                      () -> {
                        try {
                          scanner.scan(image.reference(), digest);
                        } catch (IOException e) {
                          throw new java.io.UncheckedIOException(e);
                        }
                      },
                      scans);
              started.whenComplete((done, failure) -> scanning.remove(digest));
              return started;
            });
    Duration left = Duration.between(clock.instant(), deadline);
    Duration wait = left.compareTo(budget) < 0 ? left : budget;
    try {
      scan.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException e) {
      return Optional.of(
          "was never scanned and its scan did not finish within "
              + wait.toMillis()
              + " ms; it goes on, and a later request finds it");
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
      String what = cause instanceof InputException ? cause.getMessage() : String.valueOf(cause);
      return Optional.of("was never scanned, and its scan failed: " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("was never scanned; the server is stopping");
    }
  }
}
