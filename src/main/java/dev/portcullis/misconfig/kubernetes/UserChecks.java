package dev.portcullis.misconfig.kubernetes;

import static dev.portcullis.misconfig.kubernetes.PsaWords.joinQuote;
import static dev.portcullis.misconfig.kubernetes.PsaWords.pluralize;
import static dev.portcullis.misconfig.kubernetes.PsaWords.sorted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Restricted checks on who a pod runs as and which volumes it may mount. */
final class UserChecks {

  /**
   * Volume sources restricted pods may use ({@code image} since the 1.33 fix, at every version).
   */
  private static final Set<String> ALLOWED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "image",
          "persistentVolumeClaim",
          "projected",
          "secret");

  /**
   * The other volume sources, in the order PSA names them. A volume with none of the known sources
   * is left alone: the API server drops unknown fields and defaults an empty source to emptyDir.
   */
  private static final List<String> RESTRICTED_VOLUMES =
      List.of(
          "hostPath",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "gitRepo",
          "nfs",
          "iscsi",
          "glusterfs",
          "rbd",
          "flexVolume",
          "cinder",
          "cephfs",
          "flocker",
          "fc",
          "azureFile",
          "vsphereVolume",
          "quobyte",
          "azureDisk",
          "photonPersistentDisk",
          "portworxVolume",
          "scaleIO",
          "storageos");

  private UserChecks() {}

  /**
   * The 1.35 revisions of runAsNonRoot and runAsUser: user-namespace pods (hostUsers: false) pass.
   */
  static Function<PodView, PssViolation> exceptInUserNamespace(
      Function<PodView, PssViolation> check) {
    return pod -> {
      Node hostUsers = pod.spec().get("hostUsers");
      return hostUsers != null && hostUsers.isFalse() ? null : check.apply(pod);
    };
  }

  /** runAsNonRoot 1.0: the pod sets runAsNonRoot=true, or every container does; none sets false. */
  static PssViolation runAsNonRoot(PodView pod) {
    List<String> setters = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    boolean podNonRoot = false;
    Node podValue = pod.spec().at("securityContext.runAsNonRoot");
    if (Fields.present(podValue)) {
      if (podValue.isTrue()) {
        podNonRoot = true;
      } else {
        setters.add("pod");
        fields.add(pod.specField("securityContext.runAsNonRoot"));
      }
    }
    List<String> explicitlyBad = new ArrayList<>();
    List<String> implicitlyBad = new ArrayList<>();
    List<FieldRef> implicitFields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node value = container.node().at("securityContext.runAsNonRoot");
      if (Fields.present(value)) {
        if (!value.isTrue()) {
          explicitlyBad.add(container.name());
          fields.add(container.field("securityContext.runAsNonRoot"));
        }
      } else if (!podNonRoot) {
        implicitlyBad.add(container.name());
        implicitFields.add(container.field("securityContext.runAsNonRoot"));
      }
    }
    if (!explicitlyBad.isEmpty()) {
      setters.add(PsaWords.containers(explicitlyBad));
    }
    if (!setters.isEmpty()) {
      return new PssViolation(
          "runAsNonRoot",
          "runAsNonRoot != true",
          String.join(" and ", setters) + " must not set securityContext.runAsNonRoot=false",
          fields);
    }
    if (!implicitlyBad.isEmpty()) {
      return new PssViolation(
          "runAsNonRoot",
          "runAsNonRoot != true",
          "pod or "
              + PsaWords.containers(implicitlyBad)
              + " must set securityContext.runAsNonRoot=true",
          implicitFields);
    }
    return null;
  }

  /** runAsUser 1.23: neither the pod nor a container may set runAsUser=0. */
  static PssViolation runAsUser(PodView pod) {
    List<String> setters = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    Long podUser = Fields.integer(pod.spec().at("securityContext.runAsUser"));
    if (podUser != null && podUser == 0) {
      setters.add("pod");
      fields.add(pod.specField("securityContext.runAsUser"));
    }
    List<String> containers = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Long user = Fields.integer(container.node().at("securityContext.runAsUser"));
      if (user != null && user == 0) {
        containers.add(container.name());
        fields.add(container.field("securityContext.runAsUser"));
      }
    }
    if (!containers.isEmpty()) {
      setters.add(PsaWords.containers(containers));
    }
    if (setters.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "runAsUser",
        "runAsUser=0",
        String.join(" and ", setters) + " must not set runAsUser=0",
        fields);
  }

  /** restrictedVolumes 1.0: only volume types that hold no node or network storage directly. */
  static PssViolation restrictedVolumes(PodView pod) {
    List<String> names = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    List<Node> volumes = pod.volumes();
    for (int i = 0; i < volumes.size(); i++) {
      Node volume = volumes.get(i);
      boolean allowed = false;
      String restricted = null;
      for (var entry : volume.entries().entrySet()) {
        if (Fields.present(entry.getValue())) {
          allowed |= ALLOWED_VOLUMES.contains(entry.getKey());
        }
      }
      for (String type : RESTRICTED_VOLUMES) {
        if (restricted == null && Fields.present(volume.get(type))) {
          restricted = type;
        }
      }
      if (allowed || restricted == null) {
        continue;
      }
      names.add(Fields.string(volume.get("name")));
      types.add(restricted);
      fields.add(pod.volumeField(i, restricted));
    }
    if (names.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "restrictedVolumes",
        "restricted volume types",
        pluralize("volume", "volumes", names.size())
            + " "
            + joinQuote(names)
            + " "
            + pluralize("uses", "use", names.size())
            + " "
            + pluralize("restricted volume type", "restricted volume types", types.size())
            + " "
            + joinQuote(sorted(types)),
        fields);
  }
}
