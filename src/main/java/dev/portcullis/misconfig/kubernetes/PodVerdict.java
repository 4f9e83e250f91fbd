package dev.portcullis.misconfig.kubernetes;

/**
 * Pod Security Admission's answer for one workload.
 *
 * @param levelSource why this level: the flag, the namespace's label, or the seed's default
 */
public record PodVerdict(Resource resource, PssDecision decision, String levelSource) {}
