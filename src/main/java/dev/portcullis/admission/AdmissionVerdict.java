package dev.portcullis.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to one review.
 *
 * @param allowed whether the object may be stored
 * @param reasons why not (every one), or, when allowed, empty
 * @param warnings what the user is told either way: audit-only rules, unknown images let through,
 *     checks the failure policy let pass
 * @param unjudged whether a dependency (a registry, the store, the cluster, the time budget) kept
 *     something from being judged, so that the failure policy decided
 */
public record AdmissionVerdict(
    boolean allowed, List<String> reasons, List<String> warnings, boolean unjudged) {

  /** Kubernetes shows at most this much of each warning; longer ones are cut here, visibly. */
  static final int MAX_WARNING = 256;

  /** Reasons are joined into {@code status.message}, cut past this length. */
  static final int MAX_MESSAGE = 4096;

  public AdmissionVerdict {
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }

  /** {@code status.message}: every reason, joined. */
  public String message() {
    String message = String.join("; ", reasons);
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 15) + " … (truncated)";
  }

  /** The AdmissionReview the API server expects back, for the request with this uid. */
  public ObjectNode toReview(String uid) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode review = json.objectNode();
    review.put("apiVersion", AdmissionRequest.API_VERSION);
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", allowed);
    if (!allowed) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", message());
    }
    if (!warnings.isEmpty()) {
      ArrayNode list = response.putArray("warnings");
      for (String warning : warnings) {
        list.add(
            warning.length() <= MAX_WARNING
                ? warning
                : warning.substring(0, MAX_WARNING - 2) + " …");
      }
    }
    return review;
  }
}
