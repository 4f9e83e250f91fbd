package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object the API server asks an admission webhook about, read with the same reader and judged by
 * the same Pod Security Standards as manifests on disk ({@code lint k8s}).
 */
public final class AdmittedObject {

  /** The kinds that are or hold a pod template, as an admission webhook's rules name them. */
  public static final List<String> WORKLOAD_KINDS =
      List.of(
          "Pod",
          "Deployment",
          "ReplicaSet",
          "StatefulSet",
          "DaemonSet",
          "Job",
          "CronJob",
          "ReplicationController");

  private final Resource resource;
  private final PodView pod;

  private AdmittedObject(Resource resource, PodView pod) {
    this.resource = resource;
    this.pod = pod;
  }

  /**
   * A container's image as the object writes it.
   *
   * @param path where the container sits ({@code spec.template.spec.containers[0]})
   */
  public record ContainerImage(String container, String path, String image) {}

  /**
   * Reads the object's JSON, as the AdmissionReview carries it.
   *
   * @throws IllegalArgumentException when it is not one JSON object
   */
  public static AdmittedObject parse(String json) {
    ManifestFile file = new ManifestReader().readText(json, "object.json");
    if (!file.problems().isEmpty()) {
      throw new IllegalArgumentException(file.problems().get(0).message());
    }
    if (file.documents().size() != 1
        || !(file.documents().get(0).root() instanceof Node.MapNode root)) {
      throw new IllegalArgumentException("the object is not one JSON object");
    }
    Resource resource = Resource.of("object", root);
    return new AdmittedObject(resource, PodView.of(resource));
  }

  public String kind() {
    return resource.kind();
  }

  /** {@code metadata.name}, or {@code generateName}, or null. */
  public String name() {
    return resource.name();
  }

  /** Whether the object is a Pod or holds a pod template. */
  public boolean hasPod() {
    return pod != null;
  }

  /** Every container's image: init containers, containers, ephemeral containers. */
  public List<ContainerImage> images() {
    if (pod == null) {
      return List.of();
    }
    List<ContainerImage> images = new ArrayList<>();
    for (PodView.Container container : pod.containers()) {
      images.add(
          new ContainerImage(
              container.name(), container.path(), Fields.string(container.node().get("image"))));
    }
    return List.copyOf(images);
  }

  /** The pod's (or template's) labels, sorted; for namespace-specific settings and messages. */
  public Map<String, String> podLabels() {
    Map<String, String> labels = new TreeMap<>();
    if (pod != null && pod.metadata().get("labels") != null) {
      pod.metadata().get("labels").entries().forEach((k, v) -> labels.put(k, v.text()));
    }
    return labels;
  }

  /**
   * Pod Security Admission's verdict at a level and version.
   *
   * @throws IllegalStateException when the object holds no pod
   */
  public PssDecision podSecurity(PssLevel level, PssVersion version) {
    if (pod == null) {
      throw new IllegalStateException(resource.kind() + " holds no pod");
    }
    return new PodSecurityStandards().evaluate(pod, level, version);
  }
}
