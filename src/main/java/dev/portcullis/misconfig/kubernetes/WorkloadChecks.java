package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.registry.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The seed's workload checklist beyond the Pod Security Standards: read-only root filesystems,
 * resource requests and limits, image tags and digests, pull policy, service account tokens.
 */
final class WorkloadChecks {

  /**
   * Capabilities that make a container root on the node in all but name, whatever the PSS level
   * allows: reported HIGH.
   */
  private static final Set<String> NODE_ROOT =
      Set.of(
          "ALL",
          "SYS_ADMIN",
          "SYS_MODULE",
          "SYS_PTRACE",
          "SYS_RAWIO",
          "DAC_READ_SEARCH",
          "BPF",
          "NET_ADMIN",
          "SYS_BOOT");

  private final KubernetesLintOptions options;
  private final InputIndex index;

  WorkloadChecks(KubernetesLintOptions options, InputIndex index) {
    this.options = options;
    this.index = index;
  }

  List<KubernetesFinding> check(Resource workload, PodView pod) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      if (container.path().contains("ephemeralContainers")) {
        continue;
      }
      container(workload, container, findings);
    }
    serviceAccount(workload, pod, findings);
    return findings;
  }

  private void container(
      Resource workload, PodView.Container container, List<KubernetesFinding> findings) {
    String name = "container \"" + container.name() + "\"";
    Node readOnly = container.node().at("securityContext.readOnlyRootFilesystem");
    if (readOnly == null || !readOnly.isTrue()) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.READ_ONLY_ROOT,
              workload,
              container.field("securityContext.readOnlyRootFilesystem"),
              name + " does not set securityContext.readOnlyRootFilesystem=true"));
    }
    capabilities(workload, container, findings);
    resource(workload, container, "requests.cpu", KubernetesRules.CPU_REQUEST, findings);
    resource(workload, container, "limits.cpu", KubernetesRules.CPU_LIMIT, findings);
    resource(workload, container, "requests.memory", KubernetesRules.MEMORY_REQUEST, findings);
    resource(workload, container, "limits.memory", KubernetesRules.MEMORY_LIMIT, findings);
    String image = Fields.string(container.node().get("image"));
    ImageRef ref = ImageRef.parse(image);
    FieldRef imageField = container.field("image");
    if (ref.floating()) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.IMAGE_LATEST,
              workload,
              imageField,
              name + " uses image \"" + image + "\" without a version tag"));
    }
    if (options.requireDigest() && !ref.pinned()) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.IMAGE_DIGEST,
              workload,
              imageField,
              name + " uses image \"" + image + "\" without a digest"));
    }
    trusted(workload, container, image, imageField, findings);
    String policy = Fields.string(container.node().get("imagePullPolicy"));
    String effective = policy.isEmpty() ? (ref.floating() ? "Always" : "IfNotPresent") : policy;
    if (!ref.pinned() && !effective.equals("Always")) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.PULL_POLICY,
              workload,
              container.field("imagePullPolicy"),
              name
                  + " pulls \""
                  + image
                  + "\" with imagePullPolicy "
                  + effective
                  + (policy.isEmpty() ? " (the default for a tagged image)" : "")));
    }
  }

  /** An image the policy's tiers forbid: named by none of them, or from a registry none trusts. */
  private void trusted(
      Resource workload,
      PodView.Container container,
      String image,
      FieldRef field,
      List<KubernetesFinding> findings) {
    if (options.trustedImages() == null || image.isEmpty()) {
      return;
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      return;
    }
    BaseImagePolicy.Classification where = options.trustedImages().classify(reference);
    if (where.tier() == BaseImagePolicy.Tier.FORBIDDEN) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.UNTRUSTED_IMAGE,
              workload,
              field,
              "container \""
                  + container.name()
                  + "\" uses image \""
                  + image
                  + "\", which the policy's image tiers forbid: "
                  + where.reason()));
    }
  }

  private static void resource(
      Resource workload,
      PodView.Container container,
      String path,
      KubernetesRule rule,
      List<KubernetesFinding> findings) {
    if (!Fields.present(container.node().at("resources." + path))) {
      findings.add(
          KubernetesFinding.at(
              rule,
              workload,
              container.field("resources." + path),
              "container \"" + container.name() + "\" does not set resources." + path));
    }
  }

  /**
   * Every added capability but NET_BIND_SERVICE, at any PSS level: the baseline list lets CHOWN,
   * NET_RAW, SETUID and others through, which a container that dropped ALL rarely needs.
   */
  private static void capabilities(
      Resource workload, PodView.Container container, List<KubernetesFinding> findings) {
    Node add = container.node().at("securityContext.capabilities.add");
    List<String> added =
        add == null
            ? List.of()
            : add.items().stream()
                .map(Fields::string)
                .map(c -> c.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", ""))
                .filter(c -> !c.isEmpty() && !c.equals("NET_BIND_SERVICE"))
                .distinct()
                .toList();
    if (added.isEmpty()) {
      return;
    }
    boolean nodeRoot = added.stream().anyMatch(NODE_ROOT::contains);
    KubernetesFinding finding =
        KubernetesFinding.at(
                KubernetesRules.CAPABILITIES_ADDED,
                workload,
                container.field("securityContext.capabilities.add"),
                "container \""
                    + container.name()
                    + "\" adds capabilities "
                    + String.join(", ", added))
            .onlyTrivy(
                added.contains("SYS_ADMIN") ? List.of("KSV022", "KSV005") : List.of("KSV022"));
    findings.add(nodeRoot ? finding.withSeverity(dev.portcullis.vulndb.Severity.HIGH) : finding);
  }

  private void serviceAccount(Resource workload, PodView pod, List<KubernetesFinding> findings) {
    String account = Fields.string(pod.spec().get("serviceAccountName"));
    if (account.isEmpty()) {
      account = Fields.string(pod.spec().get("serviceAccount"));
    }
    boolean defaultAccount = account.isEmpty() || account.equals("default");
    String name = defaultAccount ? "default" : account;
    if (defaultAccount) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.DEFAULT_SERVICE_ACCOUNT,
              workload,
              pod.specField("serviceAccountName"),
              "the pod runs as the namespace's default service account"));
    }
    Node automount = pod.spec().get("automountServiceAccountToken");
    if (automount != null && automount.isFalse()) {
      return;
    }
    String namespace = workload.effectiveNamespace();
    Resource object = index.serviceAccount(namespace, name);
    boolean accountDisables =
        object != null
            && object.node().get("automountServiceAccountToken") != null
            && object.node().get("automountServiceAccountToken").isFalse();
    boolean podOverrides = automount != null && automount.isTrue();
    if ((accountDisables && !podOverrides) || index.isBound(namespace, name)) {
      return;
    }
    findings.add(
        KubernetesFinding.at(
            KubernetesRules.TOKEN_AUTOMOUNT,
            workload,
            pod.specField("automountServiceAccountToken"),
            "the token of service account \""
                + name
                + "\" is mounted, and no RoleBinding in the input grants it any API access"));
  }
}
