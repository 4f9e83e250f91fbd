package dev.portcullis.misconfig.kubernetes;

import static dev.portcullis.misconfig.kubernetes.PsaWords.joinQuote;
import static dev.portcullis.misconfig.kubernetes.PsaWords.pluralize;
import static dev.portcullis.misconfig.kubernetes.PsaWords.sorted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks on the kernel's confinement of a pod: AppArmor, SELinux and seccomp profiles. */
final class ProfileChecks {

  private static final String APPARMOR_ANNOTATION =
      "container.apparmor.security.beta.kubernetes.io/";
  private static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String SECCOMP_CONTAINER_ANNOTATION =
      "container.seccomp.security.alpha.kubernetes.io/";

  private static final Set<String> SELINUX_TYPES_1_0 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t");
  private static final Set<String> SELINUX_TYPES_1_31 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  private ProfileChecks() {}

  /**
   * appArmorProfile 1.0: the beta annotations may name only runtime/default or localhost/*, and the
   * appArmorProfile fields only RuntimeDefault or Localhost.
   */
  static PssViolation appArmorProfile(PodView pod) {
    List<String> annotations = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    for (Map.Entry<String, Node> entry : pod.annotations().entrySet()) {
      String value = Fields.string(entry.getValue());
      if (entry.getKey().startsWith(APPARMOR_ANNOTATION)
          && !(value.isEmpty()
              || value.equals("runtime/default")
              || value.startsWith("localhost/"))) {
        annotations.add(entry.getKey() + "=" + Fields.quote(value));
        fields.add(
            new FieldRef(
                pod.metadataField("annotations").path() + "[" + entry.getKey() + "]",
                entry.getValue().line()));
      }
    }
    List<String> setters = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    if (forbiddenAppArmorType(pod.spec().at("securityContext.appArmorProfile"), types)) {
      setters.add("pod");
      fields.add(pod.specField("securityContext.appArmorProfile.type"));
    }
    List<String> containers = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      if (forbiddenAppArmorType(container.node().at("securityContext.appArmorProfile"), types)) {
        containers.add(container.name());
        fields.add(container.field("securityContext.appArmorProfile.type"));
      }
    }
    if (!containers.isEmpty()) {
      setters.add(PsaWords.containers(containers));
    }
    int count = annotations.size() + setters.size();
    if (count == 0) {
      return null;
    }
    List<String> details = new ArrayList<>();
    if (!setters.isEmpty()) {
      details.add(
          String.join(" and ", setters)
              + " must not set AppArmor profile type to "
              + joinQuote(sorted(types)));
    }
    if (!annotations.isEmpty()) {
      details.add(String.join(", ", sorted(annotations)));
    }
    return new PssViolation(
        "appArmorProfile",
        pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", count),
        String.join(", ", details),
        fields);
  }

  private static boolean forbiddenAppArmorType(Node profile, Set<String> types) {
    if (!Fields.present(profile)) {
      return false;
    }
    String type = Fields.string(profile.get("type"));
    if (type.equals("RuntimeDefault") || type.equals("Localhost")) {
      return false;
    }
    types.add(type);
    return true;
  }

  static PssViolation seLinuxOptions(PodView pod) {
    return seLinuxOptions(pod, SELINUX_TYPES_1_0);
  }

  /** seLinuxOptions 1.31: container_engine_t joins the allowed types. */
  static PssViolation seLinuxOptions131(PodView pod) {
    return seLinuxOptions(pod, SELINUX_TYPES_1_31);
  }

  /** seLinuxOptions: type only from the allowed set; user and role never. */
  private static PssViolation seLinuxOptions(PodView pod, Set<String> allowedTypes) {
    Set<String> badTypes = new LinkedHashSet<>();
    boolean[] userRole = new boolean[2];
    List<String> setters = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    Node podOptions = pod.spec().at("securityContext.seLinuxOptions");
    if (Fields.present(podOptions) && !validSeLinux(podOptions, allowedTypes, badTypes, userRole)) {
      setters.add("pod");
      fields.add(pod.specField("securityContext.seLinuxOptions"));
    }
    List<String> containers = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node options = container.node().at("securityContext.seLinuxOptions");
      if (Fields.present(options) && !validSeLinux(options, allowedTypes, badTypes, userRole)) {
        containers.add(container.name());
        fields.add(container.field("securityContext.seLinuxOptions"));
      }
    }
    if (!containers.isEmpty()) {
      setters.add(PsaWords.containers(containers));
    }
    if (setters.isEmpty()) {
      return null;
    }
    List<String> problems = new ArrayList<>();
    if (!badTypes.isEmpty()) {
      problems.add(pluralize("type", "types", badTypes.size()) + " " + joinQuote(sorted(badTypes)));
    }
    if (userRole[0]) {
      problems.add("user may not be set");
    }
    if (userRole[1]) {
      problems.add("role may not be set");
    }
    return new PssViolation(
        "seLinuxOptions",
        "seLinuxOptions",
        String.join(" and ", setters)
            + " set forbidden securityContext.seLinuxOptions: "
            + String.join("; ", problems),
        fields);
  }

  private static boolean validSeLinux(
      Node options, Set<String> allowedTypes, Set<String> badTypes, boolean[] userRole) {
    boolean valid = true;
    String type = Fields.string(options.get("type"));
    if (!allowedTypes.contains(type)) {
      valid = false;
      badTypes.add(type);
    }
    if (!Fields.string(options.get("user")).isEmpty()) {
      valid = false;
      userRole[0] = true;
    }
    if (!Fields.string(options.get("role")).isEmpty()) {
      valid = false;
      userRole[1] = true;
    }
    return valid;
  }

  /** seccompProfile_baseline 1.0: the alpha annotations may name only default or local profiles. */
  static PssViolation seccompAnnotations(PodView pod) {
    Set<String> forbidden = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    checkSeccompAnnotation(pod, SECCOMP_POD_ANNOTATION, forbidden, fields);
    for (PodView.Container container : pod.containers()) {
      checkSeccompAnnotation(
          pod, SECCOMP_CONTAINER_ANNOTATION + container.name(), forbidden, fields);
    }
    if (forbidden.isEmpty()) {
      return null;
    }
    return new PssViolation(
        "seccompProfile_baseline",
        "seccompProfile",
        "forbidden "
            + pluralize("annotation", "annotations", forbidden.size())
            + " "
            + String.join(", ", sorted(forbidden)),
        fields);
  }

  private static void checkSeccompAnnotation(
      PodView pod, String key, Set<String> forbidden, List<FieldRef> fields) {
    Node value = pod.annotations().get(key);
    if (value == null) {
      return;
    }
    String profile = Fields.string(value);
    if (!(profile.equals("runtime/default")
        || profile.equals("docker/default")
        || profile.startsWith("localhost/"))) {
      forbidden.add(key + "=" + Fields.quote(profile));
      fields.add(
          new FieldRef(pod.metadataField("annotations").path() + "[" + key + "]", value.line()));
    }
  }

  /** seccompProfile_baseline 1.19: the seccompProfile fields may not be Unconfined. */
  static PssViolation seccompBaseline(PodView pod) {
    return seccompFields(pod, false, "seccompProfile_baseline");
  }

  /** seccompProfile_restricted 1.19: the pod, or every container, must set a valid profile. */
  static PssViolation seccompRestricted(PodView pod) {
    return seccompFields(pod, true, "seccompProfile_restricted");
  }

  /** seccompProfile_restricted 1.25: as 1.19, but Windows pods are exempt. */
  static PssViolation seccompRestrictedExceptWindows(PodView pod) {
    return pod.isWindows() ? null : seccompRestricted(pod);
  }

  private static PssViolation seccompFields(PodView pod, boolean required, String id) {
    List<String> setters = new ArrayList<>();
    Set<String> badValues = new LinkedHashSet<>();
    List<FieldRef> fields = new ArrayList<>();
    boolean podSet = false;
    Node podProfile = pod.spec().at("securityContext.seccompProfile");
    if (Fields.present(podProfile)) {
      String type = Fields.string(podProfile.get("type"));
      if (validSeccomp(type)) {
        podSet = true;
      } else {
        setters.add("pod");
        badValues.add(type);
        fields.add(pod.specField("securityContext.seccompProfile.type"));
      }
    }
    List<String> explicitlyBad = new ArrayList<>();
    List<String> implicitlyBad = new ArrayList<>();
    List<FieldRef> implicitFields = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      Node profile = container.node().at("securityContext.seccompProfile");
      if (Fields.present(profile)) {
        String type = Fields.string(profile.get("type"));
        if (!validSeccomp(type)) {
          explicitlyBad.add(container.name());
          badValues.add(type);
          fields.add(container.field("securityContext.seccompProfile.type"));
        }
      } else if (!podSet) {
        implicitlyBad.add(container.name());
        implicitFields.add(container.field("securityContext.seccompProfile.type"));
      }
    }
    if (!explicitlyBad.isEmpty()) {
      setters.add(PsaWords.containers(explicitlyBad));
    }
    if (!setters.isEmpty()) {
      return new PssViolation(
          id,
          "seccompProfile",
          String.join(" and ", setters)
              + " must not set securityContext.seccompProfile.type to "
              + joinQuote(sorted(badValues)),
          fields);
    }
    if (required && !implicitlyBad.isEmpty()) {
      return new PssViolation(
          id,
          "seccompProfile",
          "pod or "
              + PsaWords.containers(implicitlyBad)
              + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or"
              + " \"Localhost\"",
          implicitFields);
    }
    return null;
  }

  private static boolean validSeccomp(String type) {
    return type.equals("RuntimeDefault") || type.equals("Localhost");
  }
}
