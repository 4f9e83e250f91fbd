package dev.portcullis.cluster;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The running images of one pod: its init, regular and ephemeral containers, in that order. */
final class PodImages {

  // The pod is done: its containers have stopped and will not start again.
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

  private final String cluster;
  private final ObjectMeta metadata;
  private final OwnerReference owner;

  private PodImages(String cluster, ObjectMeta metadata) {
    this.cluster = cluster;
    this.metadata = metadata;
    this.owner = controller(metadata.getOwnerReferences());
  }

  /** The pod's containers and their images; none for a finished pod. */
  static List<RunningImage> of(String cluster, Pod pod) {
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    String phase = status.getPhase();
    if ((phase != null && FINISHED.contains(phase)) || pod.getSpec() == null) {
      return List.of();
    }
    PodImages images = new PodImages(cluster, pod.getMetadata());
    List<RunningImage> result = new ArrayList<>();
    Map<String, ContainerStatus> init = byName(status.getInitContainerStatuses());
    for (Container c : orEmpty(pod.getSpec().getInitContainers())) {
      result.add(images.image(c.getName(), c.getImage(), init.get(c.getName())));
    }
    Map<String, ContainerStatus> regular = byName(status.getContainerStatuses());
    for (Container c : orEmpty(pod.getSpec().getContainers())) {
      result.add(images.image(c.getName(), c.getImage(), regular.get(c.getName())));
    }
    Map<String, ContainerStatus> ephemeral = byName(status.getEphemeralContainerStatuses());
    for (EphemeralContainer c : orEmpty(pod.getSpec().getEphemeralContainers())) {
      result.add(images.image(c.getName(), c.getImage(), ephemeral.get(c.getName())));
    }
    return result;
  }

  private RunningImage image(String container, String specImage, ContainerStatus status) {
    ImageReference reference = parseOrNull(specImage);
    Digest digest = status == null ? null : ImageIds.repositoryDigest(status.getImageID());
    if (digest == null && reference != null) {
      // A pinned reference is what the runtime pulls, before and after it reports a status.
      digest = reference.digest();
    }
    return new RunningImage(
        cluster,
        metadata.getNamespace(),
        metadata.getName(),
        container,
        reference == null ? specImage : reference.toString(),
        digest,
        owner == null ? null : owner.getKind(),
        owner == null ? null : owner.getName());
  }

  private static ImageReference parseOrNull(String image) {
    if (image == null || image.isBlank()) {
      return null;
    }
    try {
      return ImageReference.parse(image.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The owner that controls the pod; any owner when none is marked as the controller. */
  private static OwnerReference controller(List<OwnerReference> owners) {
    List<OwnerReference> all = orEmpty(owners);
    return all.stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst()
        .orElse(all.isEmpty() ? null : all.get(0));
  }

  private static Map<String, ContainerStatus> byName(List<ContainerStatus> statuses) {
    Map<String, ContainerStatus> byName = new HashMap<>();
    for (ContainerStatus status : orEmpty(statuses)) {
      byName.putIfAbsent(status.getName(), status);
    }
    return byName;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
