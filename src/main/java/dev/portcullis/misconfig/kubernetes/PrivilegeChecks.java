package dev.portcullis.misconfig.kubernetes;

import static dev.portcullis.misconfig.kubernetes.PsaWords.joinQuote;
import static dev.portcullis.misconfig.kubernetes.PsaWords.pluralize;
import static dev.portcullis.misconfig.kubernetes.PsaWords.sorted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks on privilege: privileged mode, capabilities, privilege escalation, /proc masks. */
final class PrivilegeChecks {

  private static final Set<String> DEFAULT_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  private PrivilegeChecks() {}

  /** privileged 1.0: no container may be privileged. */
  static PssViolation privileged(PodView pod) {
    List<String> containers = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node value = container.node().at("securityContext.privileged");
      if (value != null && value.isTrue()) {
        containers.add(container.name());
        fields.add(container.field("securityContext.privileged"));
      }
    }
    if (containers.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "privileged",
        "privileged",
        PsaWords.containers(containers) + " must not set securityContext.privileged=true",
        fields);
  }

  /** capabilities_baseline 1.0: only the container runtime's default capabilities may be added. */
  static PssViolation capabilitiesBaseline(PodView pod) {
    List<String> containers = new ArrayList<>();
    Set<String> added = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      boolean bad = false;
      for (Node capability : items(container.node().at("securityContext.capabilities.add"))) {
        String name = Fields.string(capability);
        if (!DEFAULT_CAPABILITIES.contains(name)) {
          bad = true;
          added.add(name);
        }
      }
      if (bad) {
        containers.add(container.name());
        fields.add(container.field("securityContext.capabilities.add"));
      }
    }
    if (containers.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "capabilities_baseline",
        "non-default capabilities",
        PsaWords.containers(containers)
            + " must not include "
            + joinQuote(sorted(added))
            + " in securityContext.capabilities.add",
        fields);
  }

  /** capabilities_restricted 1.22: drop ALL, add nothing but NET_BIND_SERVICE. */
  static PssViolation capabilitiesRestricted(PodView pod) {
    List<String> missingDrop = new ArrayList<>();
    List<String> adding = new ArrayList<>();
    Set<String> forbidden = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node capabilities = container.node().at("securityContext.capabilities");
      if (!Fields.present(capabilities)) {
        missingDrop.add(container.name());
        fields.add(container.field("securityContext.capabilities.drop"));
        continue;
      }
      boolean droppedAll =
          items(capabilities.get("drop")).stream().anyMatch(c -> "ALL".equals(c.text()));
      if (!droppedAll) {
        missingDrop.add(container.name());
        fields.add(container.field("securityContext.capabilities.drop"));
      }
      boolean addedForbidden = false;
      for (Node capability : items(capabilities.get("add"))) {
        String name = Fields.string(capability);
        if (!"NET_BIND_SERVICE".equals(name)) {
          addedForbidden = true;
          forbidden.add(name);
        }
      }
      if (addedForbidden) {
        adding.add(container.name());
        fields.add(container.field("securityContext.capabilities.add"));
      }
    }
    List<String> details = new ArrayList<>();
    if (!missingDrop.isEmpty()) {
      details.add(
          PsaWords.containers(missingDrop)
              + " must set securityContext.capabilities.drop=[\"ALL\"]");
    }
    if (!adding.isEmpty()) {
      details.add(
          PsaWords.containers(adding)
              + " must not include "
              + joinQuote(sorted(forbidden))
              + " in securityContext.capabilities.add");
    }
    if (details.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "capabilities_restricted", "unrestricted capabilities", String.join("; ", details), fields);
  }

  /** capabilities_restricted 1.25: as 1.22, but Windows pods are exempt. */
  static PssViolation capabilitiesRestrictedExceptWindows(PodView pod) {
    return pod.isWindows() ? null : capabilitiesRestricted(pod);
  }

  /** allowPrivilegeEscalation 1.8: every container must set it to false. */
  static PssViolation allowPrivilegeEscalation(PodView pod) {
    List<String> containers = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node value = container.node().at("securityContext.allowPrivilegeEscalation");
      if (value == null || !value.isFalse()) {
        containers.add(container.name());
        fields.add(container.field("securityContext.allowPrivilegeEscalation"));
      }
    }
    if (containers.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "allowPrivilegeEscalation",
        "allowPrivilegeEscalation != false",
        PsaWords.containers(containers)
            + " must set securityContext.allowPrivilegeEscalation=false",
        fields);
  }

  /** allowPrivilegeEscalation 1.25: as 1.8, but Windows pods are exempt. */
  static PssViolation allowPrivilegeEscalationExceptWindows(PodView pod) {
    return pod.isWindows() ? null : allowPrivilegeEscalation(pod);
  }

  /** procMount (restricted, and baseline before 1.35): only the Default /proc mount. */
  static PssViolation procMountDefaultOnly(PodView pod) {
    return procMount(pod, "procMount_restricted");
  }

  /** procMount (baseline) 1.35: any /proc mount in a user namespace (hostUsers: false). */
  static PssViolation procMountBaseline(PodView pod) {
    Node hostUsers = pod.spec().get("hostUsers");
    if (hostUsers != null && hostUsers.isFalse()) {
      return null;
    }
    return procMount(pod, "procMount");
  }

  /** procMount (baseline) 1.0: before user namespaces counted, the restricted rule. */
  static PssViolation procMountBaselineBefore135(PodView pod) {
    return procMount(pod, "procMount");
  }

  private static PssViolation procMount(PodView pod, String id) {
    List<String> containers = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node value = container.node().at("securityContext.procMount");
      if (Fields.present(value) && !"Default".equals(value.text())) {
        containers.add(container.name());
        types.add(value.text());
        fields.add(container.field("securityContext.procMount"));
      }
    }
    if (containers.isEmpty()) {
      return null;
    }
    return new PssViolation(
        id,
        "procMount",
        pluralize("container", "containers", containers.size())
            + " "
            + joinQuote(containers)
            + " must not set securityContext.procMount to "
            + joinQuote(sorted(types)),
        fields);
  }

  static List<Node> items(Node node) {
    return node == null ? List.of() : node.items();
  }
}
