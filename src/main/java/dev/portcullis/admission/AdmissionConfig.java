package dev.portcullis.admission;

import dev.portcullis.cluster.ClusterSettings;
import dev.portcullis.policy.AdmissionSettings;
import dev.portcullis.policy.BaseImagePolicy;
import java.util.Objects;

/**
 * How {@code portcullis serve --admission} judges: the policy file's {@code admission:} rules and
 * base-image tiers, who may ask, and where namespaces' labels are read.
 *
 * @param anonymous whether reviews without a token are judged (an API server that cannot present
 *     one); else a token with the {@code submit} scope is needed
 * @param cluster the cluster whose namespaces' Pod Security labels apply; null to judge every
 *     namespace at the configured level
 */
public record AdmissionConfig(
    AdmissionSettings settings, BaseImagePolicy tiers, boolean anonymous, ClusterSettings cluster) {

  public AdmissionConfig {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(tiers, "tiers");
  }
}
