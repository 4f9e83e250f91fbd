package dev.portcullis.misconfig.kubernetes;

import static dev.portcullis.vulndb.Severity.CRITICAL;
import static dev.portcullis.vulndb.Severity.HIGH;
import static dev.portcullis.vulndb.Severity.LOW;
import static dev.portcullis.vulndb.Severity.MEDIUM;

import dev.portcullis.vulndb.Severity;
import java.util.List;

/**
 * Every Kubernetes rule. Ids never change meaning: PC-K8S-000 unreadable input, 001-019 the seed's
 * workload checklist, 020-029 NetworkPolicy, 030-039 RBAC, 040-049 Secrets, 050-059 Namespaces,
 * 060-069 kinds and API versions, 101-119 Pod Security Standards baseline, 121-139 restricted.
 * docs/kubernetes-rules.md lists them.
 */
public final class KubernetesRules {

  public static final KubernetesRule UNREADABLE =
      rule(
          "PC-K8S-000",
          HIGH,
          "Manifest could not be read",
          "Fix the file so that kubectl can read it; nothing in the rest of it was checked.");

  public static final KubernetesRule READ_ONLY_ROOT =
      rule(
          "PC-K8S-001",
          LOW,
          "Root filesystem is writable",
          "Set securityContext.readOnlyRootFilesystem: true; mount an emptyDir where the program must write (/tmp, caches).",
          "KSV014",
          "container-security-context-readonlyrootfilesystem");
  public static final KubernetesRule CPU_REQUEST =
      rule(
          "PC-K8S-002",
          LOW,
          "No CPU request",
          "Set resources.requests.cpu so that the scheduler reserves what the container needs.",
          "KSV015",
          "container-resources");
  public static final KubernetesRule CPU_LIMIT =
      rule(
          "PC-K8S-003",
          LOW,
          "No CPU limit",
          "Set resources.limits.cpu so that one container cannot starve the node.",
          "KSV011",
          "container-resources");
  public static final KubernetesRule MEMORY_REQUEST =
      rule(
          "PC-K8S-004",
          LOW,
          "No memory request",
          "Set resources.requests.memory.",
          "KSV016",
          "container-resources");
  public static final KubernetesRule MEMORY_LIMIT =
      rule(
          "PC-K8S-005",
          LOW,
          "No memory limit",
          "Set resources.limits.memory so that a leak ends in the container, not on the node.",
          "KSV018",
          "container-resources");
  public static final KubernetesRule IMAGE_LATEST =
      rule(
          "PC-K8S-006",
          MEDIUM,
          "Image tag is latest or missing",
          "Name a specific version tag (node:20.10.0-alpine3.19), better with its digest.",
          "KSV013",
          "container-image-tag");
  public static final KubernetesRule IMAGE_DIGEST =
      rule(
          "PC-K8S-007",
          LOW,
          "Image is not pinned by digest",
          "Append the digest (image:tag@sha256:...) so that the tag cannot move under you; 'portcullis base-image' finds it. Turn off with --no-require-digest.");
  public static final KubernetesRule PULL_POLICY =
      rule(
          "PC-K8S-008",
          LOW,
          "imagePullPolicy is not Always for an image without digest",
          "Set imagePullPolicy: Always, or pin the image by digest.",
          "container-image-pull-policy");
  public static final KubernetesRule TOKEN_AUTOMOUNT =
      rule(
          "PC-K8S-009",
          MEDIUM,
          "Service account token is mounted though the pod needs no API access",
          "Set automountServiceAccountToken: false on the pod (or its ServiceAccount); pods that call the API use a ServiceAccount with a RoleBinding.",
          "KSV036");
  public static final KubernetesRule DEFAULT_SERVICE_ACCOUNT =
      rule(
          "PC-K8S-010",
          LOW,
          "Pod runs as the default service account",
          "Create a ServiceAccount for the workload and set serviceAccountName.");
  public static final KubernetesRule CAPABILITIES_ADDED =
      rule(
          "PC-K8S-011",
          MEDIUM,
          "Container adds capabilities",
          "Remove securityContext.capabilities.add; keep drop: [ALL] and add back only NET_BIND_SERVICE where a port below 1024 is needed.",
          "KSV022",
          "KSV005");

  public static final KubernetesRule UNTRUSTED_IMAGE =
      rule(
          "PC-K8S-014",
          MEDIUM,
          "Image is not allowed by the policy's image tiers",
          "Use an image that base-images in portcullis.yaml names on a registry it trusts, or add the registry (registry.example.com/**) to a tier.",
          "KSV0125");
  public static final KubernetesRule LOW_UID =
      rule(
          "PC-K8S-012",
          LOW,
          "Runs with a user id at or below 10000 (or the image's)",
          "Set runAsUser above 10000 (pod or container), so that the process shares no id with the node's accounts if it escapes. On with --require-high-ids.",
          "KSV020");
  public static final KubernetesRule LOW_GID =
      rule(
          "PC-K8S-013",
          LOW,
          "Runs with a group id at or below 10000 (or the image's), or joins the root group",
          "Set runAsGroup above 10000, and no 0 in fsGroup or supplementalGroups. On with --require-high-ids.",
          "KSV021");

  public static final KubernetesRule NO_DEFAULT_DENY_INGRESS =
      rule(
          "PC-K8S-020",
          MEDIUM,
          "No default-deny ingress NetworkPolicy in the namespace",
          "Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] and no ingress rules, then allow what each pod needs.",
          "pod-networkpolicy");
  public static final KubernetesRule NO_DEFAULT_DENY_EGRESS =
      rule(
          "PC-K8S-021",
          LOW,
          "No default-deny egress NetworkPolicy in the namespace",
          "Add a NetworkPolicy with podSelector: {} and policyTypes: [Egress], then allow DNS and the services each pod calls. Turn off with --no-require-egress-deny.");
  public static final KubernetesRule REACHABLE =
      rule(
          "PC-K8S-022",
          MEDIUM,
          "Pod is reachable from anywhere",
          "Select the pod with a NetworkPolicy whose ingress rules name the peers that may connect.",
          "pod-networkpolicy");

  public static final KubernetesRule RBAC_WILDCARD =
      rule(
          "PC-K8S-030",
          HIGH,
          "Role grants wildcards",
          "Name the apiGroups, resources and verbs the subject needs instead of '*'.",
          "KSV044",
          "KSV045",
          "KSV046",
          "KSV112");
  public static final KubernetesRule RBAC_SECRETS =
      rule(
          "PC-K8S-031",
          HIGH,
          "Role can read or change Secrets",
          "Grant get on the named Secrets only (resourceNames), or mount them into the pod instead; leave writing Secrets to the tool that owns them.",
          "KSV041",
          "KSV113");
  public static final KubernetesRule RBAC_ESCALATE =
      rule(
          "PC-K8S-032",
          HIGH,
          "Role can escalate, bind or impersonate",
          "Remove escalate and bind on roles and impersonate on users, groups, service accounts and UIDs; they let a subject grant itself more.",
          "KSV043");
  public static final KubernetesRule RBAC_EXEC =
      rule(
          "PC-K8S-033",
          HIGH,
          "Role can exec into pods",
          "Remove create on pods/exec (and pods/attach); use logs and debugging tools that do not open a shell.",
          "KSV053");
  public static final KubernetesRule RBAC_CLUSTER_ADMIN =
      rule(
          "PC-K8S-034",
          CRITICAL,
          "Binding grants a built-in admin role (cluster-admin, admin, edit)",
          "Bind a Role with the permissions the subject needs; keep cluster-admin for break-glass accounts outside manifests. admin and edit can read every Secret and run any pod in the namespace.",
          "KSV111");
  public static final KubernetesRule RBAC_ANONYMOUS =
      rule(
          "PC-K8S-035",
          CRITICAL,
          "Binding grants rights to anonymous or unauthenticated users",
          "Remove system:anonymous and system:unauthenticated from the subjects.",
          "KSV122");
  public static final KubernetesRule RBAC_NODE_PROXY =
      rule(
          "PC-K8S-036",
          HIGH,
          "Role can use node proxy",
          "Remove get and create on nodes/proxy; the kubelet's API behind it runs commands in every pod on the node and bypasses audit.",
          "KSV047");
  public static final KubernetesRule RBAC_WORKLOADS =
      rule(
          "PC-K8S-037",
          MEDIUM,
          "Role can create or change pods and workloads",
          "Leave workload changes to the deploy pipeline's account; a subject that can run a pod can mount the namespace's Secrets and service accounts.",
          "KSV048");
  public static final KubernetesRule RBAC_EVERYONE =
      rule(
          "PC-K8S-038",
          HIGH,
          "Binding grants rights to every user or service account",
          "Name the users, groups or service accounts that need the role instead of system:authenticated or system:serviceaccounts.");

  public static final KubernetesRule SECRET_IN_MANIFEST =
      rule(
          "PC-K8S-040",
          HIGH,
          "Secret values are kept in the manifest",
          "Base64 is not encryption: keep the value in a secret store (External Secrets, Sealed Secrets, SOPS) and reference it.");
  public static final KubernetesRule SECRET_IN_CONFIGMAP =
      rule(
          "PC-K8S-041",
          HIGH,
          "ConfigMap holds a secret-looking value",
          "Move the value into a Secret that comes from a secret store; ConfigMaps are readable by anyone who can read the namespace's configuration.",
          "AVD-KSV-0109",
          "KSV0109");
  public static final KubernetesRule SECRET_IN_ENV =
      rule(
          "PC-K8S-042",
          HIGH,
          "Secret-looking value written into an environment variable",
          "Use valueFrom.secretKeyRef, or better a mounted secret file.");

  public static final KubernetesRule NAMESPACE_UNLABELED =
      rule(
          "PC-K8S-050",
          MEDIUM,
          "Namespace does not enforce a Pod Security Standard",
          "Label it pod-security.kubernetes.io/enforce: restricted (and warn/audit), so that the API server refuses pods that break it.");

  public static final KubernetesRule DEFAULT_NAMESPACE =
      rule(
          "PC-K8S-051",
          LOW,
          "Workload is placed in the default namespace",
          "Give each application its own namespace, with its own quotas, network policies and Pod Security level.",
          "KSV110");

  public static final KubernetesRule NO_RESOURCE_QUOTA =
      rule(
          "PC-K8S-052",
          LOW,
          "Namespace has no ResourceQuota",
          "Add a ResourceQuota with spec.hard (requests.cpu, requests.memory, limits.cpu, limits.memory, pods) to the namespace. On with --require-quotas.",
          "KSV040");
  public static final KubernetesRule NO_LIMIT_RANGE =
      rule(
          "PC-K8S-053",
          LOW,
          "Namespace has no LimitRange",
          "Add a LimitRange whose Container limits give default requests and limits, min and max. On with --require-quotas.",
          "KSV039");

  public static final KubernetesRule KIND_TYPO =
      rule(
          "PC-K8S-060",
          HIGH,
          "Kind differs from a Kubernetes kind only by case",
          "Write the kind as Kubernetes spells it (Pod, ClusterRoleBinding); kinds are case-sensitive.");
  public static final KubernetesRule DEPRECATED_API =
      rule(
          "PC-K8S-061",
          HIGH,
          "API version is removed in the target Kubernetes version (LOW while only deprecated)",
          "Write the object in the API version the message names (kubectl convert helps); --k8s-version sets the cluster version measured against.");

  public static final KubernetesRule HOST_NAMESPACES =
      pss(
          "PC-K8S-101",
          HIGH,
          "Pod shares host namespaces",
          "Remove hostNetwork, hostPID and hostIPC.",
          "hostNamespaces",
          "KSV008",
          "KSV009",
          "KSV010");
  public static final KubernetesRule PRIVILEGED =
      pss(
          "PC-K8S-102",
          HIGH,
          "Container is privileged",
          "Remove securityContext.privileged: true; add only the capabilities needed.",
          "privileged",
          "KSV017");
  public static final KubernetesRule CAPABILITIES_BASELINE =
      pss(
          "PC-K8S-103",
          MEDIUM,
          "Container adds capabilities beyond the default set",
          "Remove the capabilities from securityContext.capabilities.add.",
          "capabilities_baseline");
  public static final KubernetesRule HOST_PATH =
      pss(
          "PC-K8S-104",
          MEDIUM,
          "Pod mounts a hostPath volume",
          "Use an emptyDir, a configMap or a persistentVolumeClaim instead of the node's files.",
          "hostPathVolumes",
          "KSV023");
  public static final KubernetesRule HOST_PORTS =
      pss(
          "PC-K8S-105",
          HIGH,
          "Container uses a host port",
          "Remove hostPort; expose the port through a Service.",
          "hostPorts",
          "KSV024");
  public static final KubernetesRule APPARMOR =
      pss(
          "PC-K8S-106",
          MEDIUM,
          "AppArmor is disabled or set to an unknown profile",
          "Use runtime/default or a localhost/ profile.",
          "appArmorProfile",
          "KSV002");
  public static final KubernetesRule SELINUX =
      pss(
          "PC-K8S-107",
          MEDIUM,
          "Custom SELinux options",
          "Remove seLinuxOptions user and role; use one of the container types.",
          "seLinuxOptions",
          "KSV025");
  public static final KubernetesRule PROC_MOUNT =
      pss(
          "PC-K8S-108",
          MEDIUM,
          "Unmasked /proc",
          "Remove securityContext.procMount or set it to Default.",
          List.of("procMount", "procMount_restricted"),
          "KSV027");
  public static final KubernetesRule SECCOMP_BASELINE =
      pss(
          "PC-K8S-109",
          MEDIUM,
          "Seccomp is disabled",
          "Set seccompProfile.type: RuntimeDefault (or Localhost).",
          "seccompProfile_baseline");
  public static final KubernetesRule SYSCTLS =
      pss(
          "PC-K8S-110",
          MEDIUM,
          "Unsafe sysctls",
          "Set only the namespaced sysctls Kubernetes considers safe.",
          "sysctls",
          "KSV026");
  public static final KubernetesRule HOST_PROCESS =
      pss(
          "PC-K8S-111",
          HIGH,
          "Windows host process",
          "Remove windowsOptions.hostProcess: true.",
          "windowsHostProcess",
          "KSV103");
  public static final KubernetesRule PROBE_HOST =
      pss(
          "PC-K8S-112",
          MEDIUM,
          "Probe or lifecycle handler names a host",
          "Remove host from httpGet and tcpSocket handlers; probes go to the pod's own address.",
          "hostProbesAndHostLifecycle");

  public static final KubernetesRule ALLOW_PRIVILEGE_ESCALATION =
      pss(
          "PC-K8S-121",
          MEDIUM,
          "Privilege escalation is allowed",
          "Set securityContext.allowPrivilegeEscalation: false in every container.",
          "allowPrivilegeEscalation",
          "KSV001",
          "container-security-context-privilege-escalation");
  public static final KubernetesRule CAPABILITIES_RESTRICTED =
      pss(
          "PC-K8S-122",
          LOW,
          "Capabilities are not all dropped",
          "Set securityContext.capabilities.drop: [ALL]; add back only NET_BIND_SERVICE if needed.",
          "capabilities_restricted",
          "KSV003",
          "KSV106");
  public static final KubernetesRule RUN_AS_NON_ROOT =
      pss(
          "PC-K8S-123",
          MEDIUM,
          "May run as root",
          "Set securityContext.runAsNonRoot: true (pod or every container) and a non-zero runAsUser.",
          "runAsNonRoot",
          "KSV012",
          "container-security-context-user-group-id");
  public static final KubernetesRule RUN_AS_USER =
      pss(
          "PC-K8S-124",
          MEDIUM,
          "Runs as user 0",
          "Set runAsUser to a non-zero user id.",
          "runAsUser",
          "KSV105");
  public static final KubernetesRule SECCOMP_RESTRICTED =
      pss(
          "PC-K8S-125",
          LOW,
          "No seccomp profile",
          "Set spec.securityContext.seccompProfile.type: RuntimeDefault.",
          "seccompProfile_restricted",
          "KSV030",
          "KSV104");
  public static final KubernetesRule RESTRICTED_VOLUMES =
      pss(
          "PC-K8S-126",
          LOW,
          "Volume type not allowed in restricted pods",
          "Use configMap, secret, emptyDir, projected, downwardAPI, persistentVolumeClaim, csi or ephemeral volumes.",
          "restrictedVolumes",
          "KSV028");

  /** All rules, in id order. */
  public static final List<KubernetesRule> ALL =
      List.of(
          UNREADABLE,
          READ_ONLY_ROOT,
          CPU_REQUEST,
          CPU_LIMIT,
          MEMORY_REQUEST,
          MEMORY_LIMIT,
          IMAGE_LATEST,
          IMAGE_DIGEST,
          PULL_POLICY,
          TOKEN_AUTOMOUNT,
          DEFAULT_SERVICE_ACCOUNT,
          CAPABILITIES_ADDED,
          UNTRUSTED_IMAGE,
          LOW_UID,
          LOW_GID,
          NO_DEFAULT_DENY_INGRESS,
          NO_DEFAULT_DENY_EGRESS,
          REACHABLE,
          RBAC_WILDCARD,
          RBAC_SECRETS,
          RBAC_ESCALATE,
          RBAC_EXEC,
          RBAC_CLUSTER_ADMIN,
          RBAC_ANONYMOUS,
          RBAC_NODE_PROXY,
          RBAC_WORKLOADS,
          RBAC_EVERYONE,
          SECRET_IN_MANIFEST,
          SECRET_IN_CONFIGMAP,
          SECRET_IN_ENV,
          NAMESPACE_UNLABELED,
          DEFAULT_NAMESPACE,
          NO_RESOURCE_QUOTA,
          NO_LIMIT_RANGE,
          KIND_TYPO,
          DEPRECATED_API,
          HOST_NAMESPACES,
          PRIVILEGED,
          CAPABILITIES_BASELINE,
          HOST_PATH,
          HOST_PORTS,
          APPARMOR,
          SELINUX,
          PROC_MOUNT,
          SECCOMP_BASELINE,
          SYSCTLS,
          HOST_PROCESS,
          PROBE_HOST,
          ALLOW_PRIVILEGE_ESCALATION,
          CAPABILITIES_RESTRICTED,
          RUN_AS_NON_ROOT,
          RUN_AS_USER,
          SECCOMP_RESTRICTED,
          RESTRICTED_VOLUMES);

  private KubernetesRules() {}

  /** The rule that reports a Pod Security Admission check. */
  public static KubernetesRule forPsaCheck(String checkId) {
    for (KubernetesRule rule : ALL) {
      if (rule.psaCheck().contains(checkId)) {
        return rule;
      }
    }
    throw new IllegalArgumentException("no rule for PSA check " + checkId);
  }

  private static KubernetesRule rule(
      String id, Severity severity, String title, String fix, String... aliases) {
    return new KubernetesRule(id, severity, title, fix, List.of(aliases), List.of());
  }

  private static KubernetesRule pss(
      String id, Severity severity, String title, String fix, String check, String... aliases) {
    return pss(id, severity, title, fix, List.of(check), aliases);
  }

  private static KubernetesRule pss(
      String id,
      Severity severity,
      String title,
      String fix,
      List<String> checks,
      String... aliases) {
    return new KubernetesRule(id, severity, title, fix, List.of(aliases), checks);
  }
}
