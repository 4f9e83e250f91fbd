package dev.portcullis.misconfig.kubernetes;

import static dev.portcullis.misconfig.kubernetes.PsaWords.joinQuote;
import static dev.portcullis.misconfig.kubernetes.PsaWords.pluralize;
import static dev.portcullis.misconfig.kubernetes.PsaWords.sorted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Baseline checks on what a pod shares with its node: namespaces, paths, ports, hosts. */
final class HostChecks {

  private HostChecks() {}

  /** hostNamespaces 1.0: hostNetwork, hostPID and hostIPC must not be true. */
  static PssViolation hostNamespaces(PodView pod) {
    List<String> used = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    for (String key : List.of("hostNetwork", "hostPID", "hostIPC")) {
      Node value = pod.spec().get(key);
      if (value != null && value.isTrue()) {
        used.add(key);
        fields.add(pod.specField(key));
      }
    }
    if (used.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "hostNamespaces", "host namespaces", String.join(", ", sorted(used)), fields);
  }

  /** hostPathVolumes 1.0: no hostPath volumes. */
  static PssViolation hostPathVolumes(PodView pod) {
    List<String> names = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    List<Node> volumes = pod.volumes();
    for (int i = 0; i < volumes.size(); i++) {
      Node volume = volumes.get(i);
      if (Fields.present(volume.get("hostPath"))) {
        names.add(Fields.string(volume.get("name")));
        fields.add(pod.volumeField(i, "hostPath"));
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "hostPathVolumes",
        "hostPath volumes",
        pluralize("volume", "volumes", names.size()) + " " + joinQuote(names),
        fields);
  }

  /** hostPorts 1.0: no container port may set hostPort. */
  static PssViolation hostPorts(PodView pod) {
    List<String> containers = new ArrayList<>();
    Set<String> ports = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      boolean bad = false;
      List<Node> declared =
          container.node().get("ports") == null ? List.of() : container.node().get("ports").items();
      for (int i = 0; i < declared.size(); i++) {
        Long hostPort = Fields.integer(declared.get(i).get("hostPort"));
        if (hostPort != null && hostPort != 0) {
          bad = true;
          ports.add(String.valueOf(hostPort));
          fields.add(
              new FieldRef(
                  container.path() + ".ports[" + i + "].hostPort",
                  declared.get(i).get("hostPort").line()));
        }
      }
      if (bad) {
        containers.add(container.name());
      }
    }
    if (containers.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "hostPorts",
        "hostPort",
        PsaWords.containers(containers)
            + " "
            + pluralize("uses", "use", containers.size())
            + " "
            + pluralize("hostPort", "hostPorts", ports.size())
            + " "
            + String.join(", ", sorted(ports)),
        fields);
  }

  /** hostProbesAndHostLifecycle 1.34: probes and lifecycle handlers must not name a host. */
  static PssViolation hostProbesAndLifecycle(PodView pod) {
    Set<String> containers = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      for (String handler :
          List.of(
              "livenessProbe",
              "readinessProbe",
              "startupProbe",
              "lifecycle.postStart",
              "lifecycle.preStop")) {
        for (String action : List.of("httpGet", "tcpSocket")) {
          Node host = container.node().at(handler + "." + action + ".host");
          if (!Fields.string(host).isEmpty()) {
            containers.add(container.name());
            hosts.add(host.text());
            fields.add(
                new FieldRef(
                    container.path() + "." + handler + "." + action + ".host", host.line()));
          }
        }
      }
    }
    if (containers.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "hostProbesAndHostLifecycle",
        "probe or lifecycle host",
        pluralize("container", "containers", containers.size())
            + " "
            + joinQuote(sorted(containers))
            + " "
            + pluralize("uses", "use", containers.size())
            + " "
            + pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.size())
            + " "
            + joinQuote(sorted(hosts)),
        fields);
  }

  /** windowsHostProcess 1.0: neither the pod nor a container may be a Windows host process. */
  static PssViolation windowsHostProcess(PodView pod) {
    List<String> setters = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    Node podLevel = pod.spec().at("securityContext.windowsOptions.hostProcess");
    if (podLevel != null && podLevel.isTrue()) {
      setters.add("pod");
      fields.add(pod.specField("securityContext.windowsOptions.hostProcess"));
    }
    List<String> containers = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node value = container.node().at("securityContext.windowsOptions.hostProcess");
      if (value != null && value.isTrue()) {
        containers.add(container.name());
        fields.add(container.field("securityContext.windowsOptions.hostProcess"));
      }
    }
    if (!containers.isEmpty()) {
      setters.add(PsaWords.containers(containers));
    }
    if (setters.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "windowsHostProcess",
        "hostProcess",
        String.join(" and ", setters)
            + " must not set securityContext.windowsOptions.hostProcess=true",
        fields);
  }
}
