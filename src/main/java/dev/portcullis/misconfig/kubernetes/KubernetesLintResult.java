package dev.portcullis.misconfig.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * What a lint run found.
 *
 * @param files how many manifest files were read
 * @param objects how many Kubernetes objects they held
 * @param skippedKinds kinds no rule looks at, with how many objects of each
 * @param skipped documents that were no Kubernetes object, one line each
 * @param problems parts of files that could not be read (each also a PC-K8S-000 finding)
 */
public record KubernetesLintResult(
    int files,
    int objects,
    List<KubernetesFinding> findings,
    List<PodVerdict> verdicts,
    Map<String, Integer> skippedKinds,
    List<String> skipped,
    List<ReadProblem> problems) {

  public KubernetesLintResult {
    findings = List.copyOf(findings);
    verdicts = List.copyOf(verdicts);
    skippedKinds = Map.copyOf(skippedKinds);
    skipped = List.copyOf(skipped);
    problems = List.copyOf(problems);
  }
}
