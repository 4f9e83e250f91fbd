package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every namespace that workloads are written into needs a ResourceQuota with hard limits and a
 * LimitRange with limits in the same input, so that one namespace cannot take the cluster's
 * capacity and containers without resources get defaults.
 */
final class QuotaChecks {

  private QuotaChecks() {}

  static List<KubernetesFinding> check(List<Resource> resources, List<Resource> workloads) {
    Set<String> quotas = new TreeSet<>();
    Set<String> limitRanges = new TreeSet<>();
    for (Resource resource : resources) {
      Node hard = resource.node().at("spec.hard");
      if ("ResourceQuota".equals(resource.kind()) && hard != null && !hard.entries().isEmpty()) {
        quotas.add(resource.effectiveNamespace());
      }
      Node limits = resource.node().at("spec.limits");
      if ("LimitRange".equals(resource.kind()) && limits != null && !limits.items().isEmpty()) {
        limitRanges.add(resource.effectiveNamespace());
      }
    }
    List<KubernetesFinding> findings = new ArrayList<>();
    Set<String> reported = new TreeSet<>();
    for (Resource workload : workloads) {
      String namespace = workload.effectiveNamespace();
      if (!reported.add(namespace)) {
        continue;
      }
      if (!quotas.contains(namespace)) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.NO_RESOURCE_QUOTA,
                workload,
                null,
                "namespace \""
                    + namespace
                    + "\" has no ResourceQuota with spec.hard in the input"));
      }
      if (!limitRanges.contains(namespace)) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.NO_LIMIT_RANGE,
                workload,
                null,
                "namespace \"" + namespace + "\" has no LimitRange with spec.limits in the input"));
      }
    }
    return findings;
  }
}
