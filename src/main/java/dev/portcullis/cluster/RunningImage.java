package dev.portcullis.cluster;

import dev.portcullis.image.Digest;

/**
 * One container of a pod that is not finished, and the image it runs.
 *
 * @param image the pod spec's image reference, normalised as the runtime reads it ({@code nginx} is
 *     {@code docker.io/library/nginx:latest}); as written when it does not parse
 * @param digest the manifest (or image index) digest the runtime pulled, from the container status;
 *     else the digest the spec pins; null while the image is not pulled yet or when the runtime
 *     only reports the image's config id
 * @param ownerKind the kind of the pod's controller (ReplicaSet, DaemonSet, Job, ...), or null for
 *     a bare pod
 * @param ownerName the name of the pod's controller, or null for a bare pod
 */
public record RunningImage(
    String cluster,
    String namespace,
    String pod,
    String container,
    String image,
    Digest digest,
    String ownerKind,
    String ownerName) {}
