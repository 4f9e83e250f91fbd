package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.vulndb.Severity;

/**
 * One finding of a Kubernetes rule.
 *
 * @param file the manifest as the user named it
 * @param line the 1-based line of the field at fault (or of the object)
 * @param kind the object's kind, or null for a file that could not be read
 * @param namespace the object's namespace as written, or null
 * @param name the object's name, or null
 * @param field the field path ({@code spec.template.spec.containers[0].securityContext.privileged})
 *     or null when the finding is about the object as a whole
 */
public record KubernetesFinding(
    KubernetesRule rule,
    Severity severity,
    String message,
    String file,
    int line,
    String kind,
    String namespace,
    String name,
    String field) {

  public String ruleId() {
    return rule.id();
  }

  /** {@code kind/namespace/name}, as exceptions name resources; null for unreadable files. */
  public String resource() {
    return kind == null
        ? null
        : kind + "/" + (namespace == null ? "" : namespace) + "/" + (name == null ? "" : name);
  }

  static KubernetesFinding at(
      KubernetesRule rule, Resource resource, FieldRef field, String message) {
    return new KubernetesFinding(
        rule,
        rule.severity(),
        message,
        resource.file(),
        field == null || field.line() <= 0 ? resource.line() : field.line(),
        resource.kind(),
        resource.namespace(),
        resource.name(),
        field == null ? null : field.path());
  }

  static KubernetesFinding unreadable(ReadProblem problem) {
    return new KubernetesFinding(
        KubernetesRules.UNREADABLE,
        KubernetesRules.UNREADABLE.severity(),
        problem.message(),
        problem.file(),
        Math.max(problem.line(), 1),
        null,
        null,
        null,
        null);
  }
}
