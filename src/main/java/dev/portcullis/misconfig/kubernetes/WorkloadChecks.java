package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's workload checklist beyond the Pod Security Standards: read-only root filesystems,
 * resource requests and limits, image tags and digests, pull policy, service account tokens.
 */
final class WorkloadChecks {

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
