package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.vulndb.Severity;
import java.util.List;

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
 * @param aliases the rule's aliases this finding answers to: all of them, or for a rule that stands
 *     for several Trivy checks (wildcards, host namespaces) only those of what matched, so that an
 *     exception on one id does not hide the others
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
    String field,
    List<String> aliases) {

  public KubernetesFinding {
    aliases = List.copyOf(aliases);
  }

  public String ruleId() {
    return rule.id();
  }

  /** Whether {@code id} is this finding's rule id or one of its aliases (case-insensitive). */
  public boolean isNamed(String id) {
    return rule.id().equalsIgnoreCase(id) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(id));
  }

  /**
   * The same finding answering only to the given Trivy ids of its rule (and to its other aliases).
   */
  KubernetesFinding onlyTrivy(List<String> ids) {
    return new KubernetesFinding(
        rule,
        severity,
        message,
        file,
        line,
        kind,
        namespace,
        name,
        field,
        rule.aliases().stream().filter(a -> !isTrivyId(a) || ids.contains(a)).toList());
  }

  /** The same finding at another severity than its rule's (a milder case of the same rule). */
  KubernetesFinding withSeverity(Severity other) {
    return new KubernetesFinding(
        rule, other, message, file, line, kind, namespace, name, field, aliases);
  }

  static boolean isTrivyId(String alias) {
    return alias.startsWith("KSV") || alias.startsWith("AVD-KSV");
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
        field == null ? null : field.path(),
        rule.aliases());
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
        null,
        KubernetesRules.UNREADABLE.aliases());
  }
}
