package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * Hardening beyond PSS for workloads: user and group ids that may collide with the node's own
 * accounts, and workloads written into the default namespace.
 */
final class HardeningChecks {

  /** Ids up to here are where distributions put their system and first human accounts. */
  static final long HIGHEST_LOW_ID = 10000;

  private HardeningChecks() {}

  static List<KubernetesFinding> check(
      Resource workload, PodView pod, KubernetesLintOptions options) {
    List<KubernetesFinding> findings = new ArrayList<>();
    if (options.requireHighIds()) {
      for (PodView.Container container : pod.containers()) {
        if (container.path().contains("ephemeralContainers")) {
          continue;
        }
        id(workload, pod, container, "runAsUser", KubernetesRules.LOW_UID, findings);
        id(workload, pod, container, "runAsGroup", KubernetesRules.LOW_GID, findings);
      }
      rootGroup(workload, pod, findings);
    }
    if ("default".equals(workload.namespace())) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.DEFAULT_NAMESPACE,
              workload,
              new FieldRef("metadata.namespace", workload.node().at("metadata.namespace").line()),
              workload.kind() + " \"" + workload.name() + "\" is placed in the default namespace"));
    }
    return findings;
  }

  /** The container's id, else the pod's; unset means the image's USER, which may well be low. */
  private static void id(
      Resource workload,
      PodView pod,
      PodView.Container container,
      String key,
      KubernetesRule rule,
      List<KubernetesFinding> findings) {
    Node own = container.node().at("securityContext." + key);
    Node podLevel = pod.podSecurityContext() == null ? null : pod.podSecurityContext().get(key);
    Node effective = Fields.present(own) ? own : podLevel;
    Long id = Fields.integer(effective);
    if (id != null && id > HIGHEST_LOW_ID) {
      return;
    }
    FieldRef field =
        Fields.present(own) || !Fields.present(podLevel)
            ? container.field("securityContext." + key)
            : pod.specField("securityContext." + key);
    findings.add(
        KubernetesFinding.at(
            rule,
            workload,
            field,
            "container \""
                + container.name()
                + "\" "
                + (id == null ? "does not set " + key : "sets " + key + "=" + id)
                + (id == null ? " (the image decides)" : "")
                + "; use an id above "
                + HIGHEST_LOW_ID));
  }

  /** fsGroup 0 or supplementalGroups with 0 hand the pod's files and processes the root group. */
  private static void rootGroup(Resource workload, PodView pod, List<KubernetesFinding> findings) {
    Node context = pod.podSecurityContext();
    if (context == null) {
      return;
    }
    Long fsGroup = Fields.integer(context.get("fsGroup"));
    Node supplemental = context.get("supplementalGroups");
    boolean rootSupplemental =
        supplemental != null
            && supplemental.items().stream()
                .anyMatch(g -> Long.valueOf(0).equals(Fields.integer(g)));
    if ((fsGroup != null && fsGroup == 0) || rootSupplemental) {
      findings.add(
          KubernetesFinding.at(
                  KubernetesRules.LOW_GID,
                  workload,
                  pod.specField(
                      "securityContext." + (rootSupplemental ? "supplementalGroups" : "fsGroup")),
                  "the pod joins the root group (gid 0) through "
                      + (rootSupplemental ? "supplementalGroups" : "fsGroup"))
              .onlyTrivy(List.of()));
    }
  }
}
