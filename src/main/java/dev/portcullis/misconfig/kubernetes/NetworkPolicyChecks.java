package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicies as the seed wants them: a default-deny ingress (and egress) policy in every
 * namespace that runs workloads, and no pod reachable from anywhere.
 */
final class NetworkPolicyChecks {

  private final KubernetesLintOptions options;

  NetworkPolicyChecks(KubernetesLintOptions options) {
    this.options = options;
  }

  List<KubernetesFinding> check(List<Resource> resources, List<Resource> workloads) {
    Map<String, List<Resource>> policies = new LinkedHashMap<>();
    Map<String, Resource> namespaces = new LinkedHashMap<>();
    for (Resource resource : resources) {
      if ("NetworkPolicy".equals(resource.kind())) {
        policies
            .computeIfAbsent(resource.effectiveNamespace(), k -> new ArrayList<>())
            .add(resource);
      }
      if ("Namespace".equals(resource.kind()) && resource.name() != null) {
        namespaces.put(resource.name(), resource);
      }
    }
    Map<String, List<Resource>> byNamespace = new LinkedHashMap<>();
    for (Resource workload : workloads) {
      byNamespace
          .computeIfAbsent(workload.effectiveNamespace(), k -> new ArrayList<>())
          .add(workload);
    }
    List<KubernetesFinding> findings = new ArrayList<>();
    for (Map.Entry<String, List<Resource>> entry : byNamespace.entrySet()) {
      String namespace = entry.getKey();
      List<Resource> inNamespace = policies.getOrDefault(namespace, List.of());
      Resource anchor = namespaces.getOrDefault(namespace, entry.getValue().get(0));
      if (inNamespace.stream().noneMatch(p -> defaultDeny(p, "Ingress"))) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.NO_DEFAULT_DENY_INGRESS,
                anchor,
                null,
                "namespace \""
                    + namespace
                    + "\" runs workloads, and no NetworkPolicy in the input denies ingress to all its pods by default"));
      }
      if (options.requireEgressDeny()
          && inNamespace.stream().noneMatch(p -> defaultDeny(p, "Egress"))) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.NO_DEFAULT_DENY_EGRESS,
                anchor,
                null,
                "namespace \""
                    + namespace
                    + "\" runs workloads, and no NetworkPolicy in the input denies egress from all its pods by default"));
      }
      for (Resource workload : entry.getValue()) {
        String why = reachableFromAnywhere(workload, inNamespace);
        if (why != null) {
          findings.add(KubernetesFinding.at(KubernetesRules.REACHABLE, workload, null, why));
        }
      }
    }
    return findings;
  }

  /** Selects every pod, applies to the direction, and allows nothing in it. */
  private static boolean defaultDeny(Resource policy, String direction) {
    Node spec = policy.node().get("spec");
    if (spec == null || !LabelSelector.selectsAll(spec.get("podSelector"))) {
      return false;
    }
    if (!types(spec).contains(direction)) {
      return false;
    }
    Node rules = spec.get(direction.toLowerCase(java.util.Locale.ROOT));
    return rules == null || rules.items().isEmpty();
  }

  /** The policyTypes, or what Kubernetes defaults them to. */
  private static List<String> types(Node spec) {
    Node declared = spec.get("policyTypes");
    if (declared != null && !declared.items().isEmpty()) {
      return declared.items().stream().map(Fields::string).toList();
    }
    return spec.get("egress") != null ? List.of("Ingress", "Egress") : List.of("Ingress");
  }

  private static String reachableFromAnywhere(Resource workload, List<Resource> policies) {
    PodView pod = PodView.of(workload);
    Node labelsNode = pod.metadata().get("labels");
    Map<String, Node> labels = labelsNode == null ? Map.of() : labelsNode.entries();
    boolean isolated = false;
    for (Resource policy : policies) {
      Node spec = policy.node().get("spec");
      if (spec == null
          || !types(spec).contains("Ingress")
          || !LabelSelector.matches(spec.get("podSelector"), labels)) {
        continue;
      }
      isolated = true;
      Node rules = spec.get("ingress");
      for (Node rule : rules == null ? List.<Node>of() : rules.items()) {
        Node from = rule.get("from");
        if (from == null || from.items().isEmpty()) {
          return "NetworkPolicy \""
              + policy.name()
              + "\" allows ingress from every source to the pods of "
              + workload.ref();
        }
        for (Node peer : from.items()) {
          String cidr = Fields.string(peer.at("ipBlock.cidr"));
          if (cidr.equals("0.0.0.0/0") || cidr.equals("::/0")) {
            return "NetworkPolicy \""
                + policy.name()
                + "\" allows ingress from "
                + cidr
                + " to the pods of "
                + workload.ref();
          }
        }
      }
    }
    return isolated
        ? null
        : "no NetworkPolicy in the input selects the pods of "
            + workload.ref()
            + " for ingress, so they accept connections from anywhere";
  }
}
